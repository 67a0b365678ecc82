//! The messages between the page and the analysis worker (issue 20): the
//! page sends the open document's text, the worker answers with its
//! analysis, and the page keeps an answer only for the document still open
//! (the hash says which). Both sides are this code, but a message is still
//! read as data that may be wrong: a bad request is answered with an error,
//! never a panic, and the version is checked.
//!
//! An answer carries the analysis in a compact form (`Compact`): what the
//! page can take from its own copy of the text (each entity's and
//! quotation's text, the entities' byte ranges) is not sent, and an entity
//! is an array, not an object. For a 450,000-character news article that
//! is 1.58 MB of JSON down to a fraction, and reading it on the page's
//! thread had been one task of over 50 ms (issue 20).

use serde::{Deserialize, Serialize};

use super::{Analysis, Entity, EntityType, Group, Post, Quotation, Speaker};
use crate::text::{CharRange, IndexedText};

/// The message format this build speaks (2: the compact analysis).
pub const WORKER_PROTOCOL: u32 = 2;

/// What the page asks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// [`WORKER_PROTOCOL`].
    pub v: u32,
    /// The document's hash, sent back with the answer.
    pub hash: String,
    /// Its text, analysed as sent: the answer's offsets are those of the
    /// page's own copy.
    pub text: String,
    /// Its page's byline, if any (its people are people, [`super::known`]).
    #[serde(default)]
    pub byline: Option<String>,
}

/// What the worker answers.
#[derive(Debug, Serialize, Deserialize)]
struct Answer {
    /// [`WORKER_PROTOCOL`].
    v: u32,
    /// The hash of the document analysed (empty when the request could not
    /// be read).
    hash: String,
    /// The analysis, or why there is none.
    result: Result<Compact, String>,
}

/// An entity on the wire: `[type, start, end, group]`, code points.
#[derive(Debug, Serialize, Deserialize)]
struct WireEntity(EntityType, usize, usize, Option<usize>);

/// A quotation on the wire: `[range, speaker, cue, scare]`, without its text.
#[derive(Debug, Serialize, Deserialize)]
struct WireQuote(CharRange, Option<Speaker>, Option<String>, bool);

/// An [`Analysis`] without what the page's copy of the text gives back
/// ([`Compact::expand`]).
#[derive(Debug, Serialize, Deserialize)]
struct Compact {
    entities: Vec<WireEntity>,
    groups: Vec<Group>,
    quotes: Vec<WireQuote>,
    posts: Vec<Post>,
}

impl Compact {
    fn of(a: Analysis) -> Compact {
        Compact {
            entities: a.entities.into_iter().map(|e| WireEntity(e.kind, e.range.start, e.range.end, e.group)).collect(),
            groups: a.groups,
            quotes: a.quotes.into_iter().map(|q| WireQuote(q.range, q.speaker, q.cue, q.scare)).collect(),
            posts: a.posts,
        }
    }

    /// The analysis again, its texts and byte ranges taken from `doc`; an
    /// error when a range does not fit it (an answer for another text).
    fn expand(self, doc: &IndexedText) -> Result<Analysis, String> {
        const MISFIT: &str = "the analysis worker's answer does not fit this article's text: reload the page";
        let entities = self
            .entities
            .into_iter()
            .map(|WireEntity(kind, start, end, group)| {
                let range = CharRange::new(start, end);
                let bytes = doc.byte_range(range).ok_or(MISFIT)?;
                Ok(Entity { kind, range, bytes, text: doc.as_str()[bytes.start..bytes.end].to_string(), group })
            })
            .collect::<Result<Vec<_>, &str>>()?;
        let quotes = self
            .quotes
            .into_iter()
            .map(|WireQuote(range, speaker, cue, scare)| Ok(Quotation { range, text: doc.slice(range).ok_or(MISFIT)?.to_string(), speaker, cue, scare }))
            .collect::<Result<Vec<_>, &str>>()?;
        Ok(Analysis { entities, groups: self.groups, quotes, posts: self.posts })
    }
}

/// The worker's side: one request in, one answer out (both JSON).
pub fn answer(request: &str) -> String {
    let answer = match serde_json::from_str::<Request>(request) {
        Ok(r) if r.v != WORKER_PROTOCOL => Answer { v: WORKER_PROTOCOL, hash: r.hash, result: Err(format!("the page speaks protocol {}, the worker {WORKER_PROTOCOL}: reload the page", r.v)) },
        Ok(r) => {
            let people = r.byline.as_deref().map(super::known::byline_people).unwrap_or_default();
            // Not normalised again: the page's documents are canonical
            // (ingestion made them so), except a record edited outside the
            // app, which is taken as written (`Document::stored`), and the
            // answer must fit the text the page holds either way. It also
            // keeps NFC's Unicode tables out of the worker's wasm.
            let indexed = IndexedText::new(r.text);
            let analysis = super::analyze_with(&indexed, &[], &people, super::quotes::shipped_speaker_model());
            Answer { v: WORKER_PROTOCOL, hash: r.hash, result: Ok(Compact::of(analysis)) }
        }
        Err(e) => Answer { v: WORKER_PROTOCOL, hash: String::new(), result: Err(format!("unreadable request: {e}")) },
    };
    serde_json::to_string(&answer).unwrap_or_else(|e| format!("{{\"v\":{WORKER_PROTOCOL},\"hash\":\"\",\"result\":{{\"Err\":\"{e}\"}}}}"))
}

/// The page's side: the request for a document.
pub fn request(doc: &crate::model::Document) -> String {
    let byline = doc.page.as_ref().and_then(|p| p.meta.byline.clone());
    let r = Request { v: WORKER_PROTOCOL, hash: doc.hash.to_string(), text: doc.text().to_string(), byline };
    serde_json::to_string(&r).unwrap_or_default()
}

/// The page's side: `doc`'s analysis read back from an answer, with the
/// texts the answer leaves out taken from `doc`; `None` when the answer is
/// for another document (not ours to show), `Err` with a message for a
/// broken or failed answer, or one that does not fit `doc`'s text.
pub fn read_answer(json: &str, doc: &crate::model::Document) -> Result<Option<Analysis>, String> {
    let a: Answer = serde_json::from_str(json).map_err(|e| match serde_json::from_str::<Version>(json) {
        Ok(Version { v }) if v != WORKER_PROTOCOL => format!("the analysis worker speaks protocol {v}, the page {WORKER_PROTOCOL}: reload the page"),
        _ => format!("the analysis worker's answer could not be read: {e}"),
    })?;
    if a.v != WORKER_PROTOCOL {
        return Err(format!("the analysis worker speaks protocol {}, the page {WORKER_PROTOCOL}: reload the page", a.v));
    }
    let compact = a.result?;
    if a.hash != doc.hash.to_string() {
        return Ok(None);
    }
    compact.expand(&doc.indexed).map(Some)
}

/// Only the version of a message, to say so when the rest is another
/// version's.
#[derive(Deserialize)]
struct Version {
    v: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    #[test]
    fn a_round_trip_gives_the_pages_own_analysis() {
        let doc = Document::from_raw("Headline\nAda Lovelace told the Royal Society in London: \"It works,\" she said. 😀 Lovelace wrote to @babbage.", None);
        let analysis = read_answer(&answer(&request(&doc)), &doc).expect("answered").expect("this document's");
        assert_eq!(analysis, crate::analysis::analyze_document(&doc));
        assert!(analysis.entities.len() >= 4 && !analysis.quotes.is_empty());
    }

    /// A document whose text is not in NFC (a record edited outside the
    /// app, `Document::stored`) gets an answer that fits its text: the
    /// worker had normalised it, and the page then refused the answer as
    /// not fitting.
    #[test]
    fn a_text_not_in_nfc_is_analysed_as_the_page_holds_it() {
        let doc = Document::stored("Headline\nAda Lovelace opened a cafe\u{301} in London, she said on Monday.".to_string(), None);
        let analysis = read_answer(&answer(&request(&doc)), &doc).expect("fits").expect("this document's");
        assert_eq!(analysis, crate::analysis::analyze_document(&doc));
    }

    #[test]
    fn an_answer_leaves_out_what_the_page_has() {
        let doc = Document::from_raw("Headline\nAda Lovelace told the Royal Society in London: \"It works,\" she said.", None);
        let json = answer(&request(&doc));
        // No mention's or quotation's text: only the groups' names, which
        // are not always the text of one mention.
        assert!(!json.contains("\"text\"") && !json.contains("It works") && !json.contains("\"bytes\""), "texts are the page's: {json}");
    }

    #[test]
    fn another_documents_answer_is_not_read_as_this_ones() {
        let doc = Document::from_raw("Headline\nAda Lovelace told the Royal Society in London: \"It works,\" she said.", None);
        let short = Document::from_raw("Other\nText.", None);
        assert_eq!(read_answer(&answer(&request(&doc)), &short), Ok(None));
        // An answer naming this document whose ranges do not fit its text.
        let forged = answer(&request(&doc)).replacen(&doc.hash.to_string(), &short.hash.to_string(), 1);
        assert!(read_answer(&forged, &short).expect_err("misfit").contains("does not fit"));
    }

    #[test]
    fn bad_requests_get_errors() {
        let doc = Document::from_raw("Headline\nText.", None);
        assert!(read_answer(&answer("not json"), &doc).expect_err("unreadable").contains("unreadable request"));
        let other = r#"{"v": 9, "hash": "h", "text": "x"}"#;
        assert!(read_answer(&answer(other), &doc).expect_err("version").contains("protocol 9"));
        assert!(read_answer("{}", &doc).is_err());
        assert!(read_answer(r#"{"v": 1, "hash": "h", "result": {"Ok": {"entities": [{"kind": "PERSON"}]}}}"#, &doc).expect_err("old").contains("protocol 1"));
    }
}
