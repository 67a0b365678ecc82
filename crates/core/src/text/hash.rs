//! Document identity: a content hash of the canonical text.
//!
//! Saved annotations are keyed by this hash, so reopening the same article
//! (by paste, file or import) finds its annotations again, and an edited
//! article is recognisably a different document.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

/// The identity of a canonical document text: the first 128 bits of its
/// SHA-256, as 32 lowercase hex digits.
///
/// Only [`DocHash::of`] computes one; deserialised values are validated by
/// [`DocHash::parse`] so a stored or imported hash is always well-formed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DocHash(String);

impl DocHash {
    /// Hashes canonical text (see [`crate::text::normalize()`]).
    pub fn of(canonical_text: &str) -> DocHash {
        let digest = Sha256::digest(canonical_text.as_bytes());
        let mut hex = String::with_capacity(32);
        for byte in &digest[..16] {
            hex.push_str(&format!("{byte:02x}"));
        }
        DocHash(hex)
    }

    /// Accepts exactly 32 lowercase hex digits.
    pub fn parse(s: &str) -> Result<DocHash, String> {
        if s.len() == 32 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            Ok(DocHash(s.to_string()))
        } else {
            Err(format!("“{}” is not a document hash (32 hex digits)", truncate_for_message(s)))
        }
    }

    /// The hex digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn truncate_for_message(s: &str) -> String {
    s.chars().take(40).collect()
}

impl fmt::Display for DocHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for DocHash {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        DocHash::parse(&s)
    }
}

impl From<DocHash> for String {
    fn from(h: DocHash) -> String {
        h.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_value_and_shape() {
        // sha256("") = e3b0c442 98fc1c14 9afbf4c8 996fb924 ...
        assert_eq!(DocHash::of("").as_str(), "e3b0c44298fc1c149afbf4c8996fb924");
        assert_ne!(DocHash::of("a"), DocHash::of("b"));
    }

    #[test]
    fn parse_validates() {
        assert!(DocHash::parse("e3b0c44298fc1c149afbf4c8996fb924").is_ok());
        for bad in ["", "xyz", "E3B0C44298FC1C149AFBF4C8996FB924", "e3b0c44298fc1c149afbf4c8996fb92"] {
            assert!(DocHash::parse(bad).is_err(), "{bad}");
        }
        let json = serde_json::to_string(&DocHash::of("x")).unwrap();
        let back: DocHash = serde_json::from_str(&json).unwrap();
        assert_eq!(back, DocHash::of("x"));
        assert!(serde_json::from_str::<DocHash>("\"nope\"").is_err());
    }
}
