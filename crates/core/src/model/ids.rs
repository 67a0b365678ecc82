//! Newtype identifiers. IDs are opaque strings, never indices, so they
//! survive reordering, merging and import from other tools.

use super::error::{InvalidKind, InvalidValue};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest accepted ID, in bytes.
pub const MAX_ID_LEN: usize = 128;

fn validate(kind: &str, s: &str) -> Result<(), InvalidValue> {
    let invalid = |m: String| InvalidValue::new(InvalidKind::Id, m);
    if s.is_empty() || s.len() > MAX_ID_LEN {
        return Err(invalid(format!("{kind} id must be 1 to {MAX_ID_LEN} characters long")));
    }
    if !s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')) {
        return Err(invalid(format!("{kind} id “{}” may only hold letters, digits, '-', '_', '.' and ':'", s.chars().take(40).collect::<String>())));
    }
    Ok(())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Validates `s`: 1 to 128 ASCII letters, digits, `-`, `_`, `.`, `:`.
            pub fn parse(s: &str) -> Result<Self, InvalidValue> {
                validate($kind, s).map(|_| Self(s.to_string()))
            }
            /// The ID as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
            /// A deterministic ID derived from arbitrary text (a foreign IRI,
            /// or content for records that have none), so importing the same
            /// thing twice yields the same ID.
            pub fn derived_from(prefix: &str, text: &str) -> Self {
                Self(format!("{prefix}{:016x}", fnv1a64(text.as_bytes())))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidValue;
            fn try_from(s: String) -> Result<Self, InvalidValue> {
                validate($kind, &s).map(|_| Self(s))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }
    };
}

id_type!(
    /// Identifies an annotation, across sessions, exports and imports.
    AnnotationId,
    "annotation"
);
id_type!(
    /// Identifies a label within a document's label set.
    LabelId,
    "label"
);

/// 64-bit FNV-1a: a stable, dependency-free hash for derived IDs (not for
/// security).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_table() {
        for ok in ["a", "a-1", "urn:x:y", "A_b.c", &"x".repeat(128)] {
            assert!(AnnotationId::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", " ", "a b", "<script>", "é", &"x".repeat(129)] {
            assert!(AnnotationId::parse(bad).is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<LabelId>("\"has space\"").is_err());
        assert_eq!(AnnotationId::derived_from("w3c-", "http://x/1"), AnnotationId::derived_from("w3c-", "http://x/1"));
        assert_ne!(AnnotationId::derived_from("w3c-", "http://x/1"), AnnotationId::derived_from("w3c-", "http://x/2"));
    }
}

/// The key of an analysis suggestion (`entity:PERSON:12:26`,
/// `quote:40:61`): what a dismissal saves, what the view looks up. Saved as
/// the plain string, so records written before the type keep reading.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SuggestionKey(String);

impl SuggestionKey {
    /// A key as saved (any string: keys of older versions stay valid).
    pub fn from_saved(key: &str) -> SuggestionKey {
        SuggestionKey(key.to_string())
    }

    /// The key of a suggestion of `kind` (`entity:PERSON`, `quote`) over
    /// code points `start..end`.
    pub fn of(kind: &str, start: usize, end: usize) -> SuggestionKey {
        SuggestionKey(format!("{kind}:{start}:{end}"))
    }

    /// The key as text (saved, and in the page's `data-sugg` attributes).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SuggestionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
