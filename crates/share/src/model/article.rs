//! The article itself travels once, in the shared document, so a reader
//! who opens a share link gets the text the annotations were made on; its
//! hash is checked before anything is shown.

use marginalia_core::model::Document;
use marginalia_core::text::DocHash;
use yrs::{Any, Map, Transact};

use super::write::any_of;
use super::{SharedDoc, SCHEMA};
use crate::error::{ErrorKind, ShareError};

/// Field names of the `article` map.
const SCHEMA_FIELD: &str = "schema";
const HASH: &str = "hash";
const TITLE: &str = "title";
const TEXT: &str = "text";

/// The article as the shared document holds it, its text checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedArticle {
    /// The canonical text's hash.
    pub hash: DocHash,
    /// The title the sharer saw.
    pub title: String,
    /// The canonical text; `DocHash::of(text) == hash`.
    pub text: String,
}

impl SharedDoc {
    /// Writes `doc`'s text into the shared document, unless it already
    /// holds an article (a room has one article for ever); returns the
    /// update to send, empty when nothing was written.
    pub fn publish_article(&mut self, doc: &Document) -> Vec<u8> {
        let article = self.article.clone();
        let mut txn = self.doc.transact_mut();
        if article.get(&txn, HASH).is_some() {
            return Vec::new();
        }
        article.insert(&mut txn, SCHEMA_FIELD, SCHEMA);
        article.insert(&mut txn, HASH, doc.hash.as_str());
        article.insert(&mut txn, TITLE, doc.title.as_str());
        article.insert(&mut txn, TEXT, doc.text());
        super::write::non_empty(txn.encode_update_v1())
    }

    /// The shared article: `Ok(None)` while it has not arrived, an error
    /// when it was written by a newer version or its text does not match
    /// its hash (a damaged or forged room).
    pub fn article(&self) -> Result<Option<SharedArticle>, ShareError> {
        let txn = self.doc.transact();
        let string = |key: &str| match any_of(&txn, &self.article, key) {
            Some(Any::String(s)) => Some(s.to_string()),
            _ => None,
        };
        let (Some(hash), Some(text)) = (string(HASH), string(TEXT)) else { return Ok(None) };
        if let Some(Any::Number(n)) = any_of(&txn, &self.article, SCHEMA_FIELD) {
            if n.as_f64().is_some_and(|v| v > SCHEMA as f64) {
                return Err(ShareError::new(ErrorKind::State, "this room was made by a newer Marginalia: update the app to join it"));
            }
        }
        let hash = DocHash::parse(&hash).map_err(|e| ShareError::new(ErrorKind::State, e))?;
        if DocHash::of(&text) != hash {
            return Err(ShareError::new(ErrorKind::State, "the room's article text does not match its fingerprint; it was not opened"));
        }
        Ok(Some(SharedArticle { hash, title: string(TITLE).unwrap_or_default(), text }))
    }
}
