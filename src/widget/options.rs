//! What a host page can choose, read from the JSON the embed script passes
//! (`Marginalia.mount(el, options)` or the element's attributes).

use serde::Deserialize;

/// The widget's options. Every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    /// Label names for a page with no saved labels (else the app's).
    pub labels: Vec<String>,
    /// Where to save in `localStorage` instead of the page's URL and the
    /// article's ID.
    pub storage_key: Option<String>,
    /// Hide the found entities and quotations (the reader's annotations
    /// still show).
    pub hide_found: bool,
    /// Show annotations without letting the reader add or change them.
    pub read_only: bool,
    /// Start with the side panel closed (a tab opens it).
    pub collapsed: bool,
    /// The element given is the whole page (or a large part of it): find
    /// the article in it (issue 19) instead of reading all of it. The embed
    /// script sets it for `<marginalia-annotator>` without `for`.
    pub find_article: bool,
    /// The analysis worker's script (`analysis-worker.js`), when it is not
    /// beside the page: the embed script passes the one beside itself.
    pub analysis_worker: Option<String>,
}

impl Options {
    /// Reads `json`; a message naming the problem when it is not valid.
    pub fn parse(json: &str) -> Result<Options, String> {
        if json.trim().is_empty() {
            return Ok(Options::default());
        }
        serde_json::from_str(json).map_err(|e| format!("Marginalia options: {e} (allowed: labels, storageKey, hideFound, readOnly, collapsed, findArticle, analysisWorker)"))
    }
}
