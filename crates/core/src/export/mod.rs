//! Export and import formats, behind parse/serialise adapters so the saved
//! model never depends on a file format.
//!
//! | format | module | offsets | import |
//! |---|---|---|---|
//! | Marginalia JSON (lossless backup) | [`native`] | code points | yes |
//! | W3C Web Annotation JSON-LD | [`w3c`] | code points (`TextPositionSelector`) | yes |
//! | NER training JSONL (spaCy / doccano style) | [`jsonl`] | code points | no |
//!
//! [`mod@file`] names and writes one export; [`message`] carries exports and
//! imports between the app's page and its formats module.
//!
//! [`import`] recognises a file, validates it within fixed limits and
//! turns it into [`Incoming`] data; [`merge`] combines that with what is
//! already saved. Nothing here touches storage: an import that fails leaves
//! every saved byte as it was.

pub mod error;
pub mod file;
pub mod format;
pub mod import;
pub mod jsonl;
pub mod merge;
pub mod message;
pub mod native;
pub mod w3c;

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::model::{Annotation, Label};

/// Annotations read from a file, not yet merged.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Incoming {
    /// Labels the annotations use.
    pub labels: Vec<Label>,
    /// The annotations.
    pub annotations: Vec<Rc<Annotation>>,
    /// Dismissed suggestion keys.
    pub dismissed: BTreeSet<crate::model::SuggestionKey>,
}

/// A file-name-safe version of a title: `"Kyiv: the U.S. moves"` ->
/// `"kyiv-the-u-s-moves"` (at most 60 characters, never empty).
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.chars().count() >= 60 {
            break;
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "article".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs() {
        assert_eq!(super::slug("Kyiv: the U.S. moves"), "kyiv-the-u-s-moves");
        assert_eq!(super::slug("<script>"), "script");
        assert_eq!(super::slug("   "), "article");
        assert_eq!(super::slug("Ünïcode 😀 title"), "ünïcode-title");
    }
}
