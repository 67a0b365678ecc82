//! The messages between the page and the analysis worker (issue 20): the
//! page sends the open document's text, the worker answers with its
//! analysis, and the page keeps an answer only for the document still open
//! (the hash says which). Both sides are this code, but a message is still
//! read as data that may be wrong: a bad request is answered with an error,
//! never a panic, and the version is checked.

use serde::{Deserialize, Serialize};

use super::Analysis;

/// The message format this build speaks.
pub const WORKER_PROTOCOL: u32 = 1;

/// What the page asks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// [`WORKER_PROTOCOL`].
    pub v: u32,
    /// The document's hash, sent back with the answer.
    pub hash: String,
    /// Its canonical text.
    pub text: String,
    /// Its page's byline, if any (its people are people, [`super::known`]).
    #[serde(default)]
    pub byline: Option<String>,
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// [`WORKER_PROTOCOL`].
    pub v: u32,
    /// The hash of the document analysed (empty when the request could not
    /// be read).
    pub hash: String,
    /// The analysis, or why there is none.
    pub result: Result<Analysis, String>,
}

/// The worker's side: one request in, one answer out (both JSON).
pub fn answer(request: &str) -> String {
    let answer = match serde_json::from_str::<Request>(request) {
        Ok(r) if r.v != WORKER_PROTOCOL => Answer { v: WORKER_PROTOCOL, hash: r.hash, result: Err(format!("the page speaks protocol {}, the worker {WORKER_PROTOCOL}: reload the page", r.v)) },
        Ok(r) => {
            let people = r.byline.as_deref().map(super::known::byline_people).unwrap_or_default();
            let indexed = crate::text::IndexedText::new(crate::text::normalize(&r.text));
            Answer { v: WORKER_PROTOCOL, hash: r.hash, result: Ok(super::analyze_with(&indexed, &[], &people, super::quotes::shipped_speaker_model())) }
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

/// The page's side: an answer read back (`Err` with a message for a
/// broken or failed one).
pub fn read_answer(json: &str) -> Result<(String, Analysis), String> {
    let a: Answer = serde_json::from_str(json).map_err(|e| format!("the analysis worker's answer could not be read: {e}"))?;
    if a.v != WORKER_PROTOCOL {
        return Err(format!("the analysis worker speaks protocol {}, the page {WORKER_PROTOCOL}: reload the page", a.v));
    }
    a.result.map(|analysis| (a.hash, analysis))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    #[test]
    fn a_round_trip_gives_the_pages_own_analysis() {
        let doc = Document::from_raw("Headline\nAda Lovelace told the Royal Society in London: \"It works,\" she said.", None);
        let (hash, analysis) = read_answer(&answer(&request(&doc))).expect("answered");
        assert_eq!(hash, doc.hash.to_string());
        assert_eq!(analysis, crate::analysis::analyze_document(&doc));
    }

    #[test]
    fn bad_requests_get_errors() {
        assert!(read_answer(&answer("not json")).expect_err("unreadable").contains("unreadable request"));
        let other = r#"{"v": 9, "hash": "h", "text": "x"}"#;
        assert!(read_answer(&answer(other)).expect_err("version").contains("protocol 9"));
        assert!(read_answer("{}").is_err());
    }
}
