//! What a document opened from a web page knows about that page (issue 19):
//! the article's metadata, which reading of the page it shows (the article
//! extraction found, or the whole page) and the other reading's text, so
//! the reader can switch without the page at hand. Saved with the document
//! as `document.meta` (record schema 2, Marginalia JSON).

use serde::{Deserialize, Serialize};

pub use crate::text::html::article::Meta;

/// Which reading of a page a document shows.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reading {
    /// The article extraction found.
    #[default]
    Article,
    /// Everything the page shows.
    Whole,
}

/// A page's metadata and readings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageMeta {
    /// Headline, byline, date, site, canonical URL, language.
    #[serde(flatten)]
    pub meta: Meta,
    /// The reading shown.
    #[serde(default)]
    pub reading: Reading,
    /// Whether extraction found an article (else the page opened whole).
    #[serde(default)]
    pub found: bool,
    /// Blocks of page furniture the article leaves out.
    #[serde(default)]
    pub left_out: usize,
    /// The canonical text of the other reading, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternate: Option<String>,
}

impl PageMeta {
    /// The same page shown the other way, when there is another way:
    /// the alternate text becomes the shown one and back.
    pub fn switched(&self, shown: &str) -> Option<(String, PageMeta)> {
        let text = self.alternate.clone()?;
        let reading = match self.reading {
            Reading::Article => Reading::Whole,
            Reading::Whole => Reading::Article,
        };
        Some((text, PageMeta { reading, alternate: Some(shown.to_string()), ..self.clone() }))
    }

    /// Reads `document.meta` from saved or imported JSON; anything that
    /// does not read is left out (a document does not depend on it).
    pub fn from_json(v: Option<&serde_json::Value>) -> Option<PageMeta> {
        serde_json::from_value(v?.clone()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switching_twice_comes_back() {
        let m = PageMeta { alternate: Some("whole".into()), found: true, left_out: 3, ..PageMeta::default() };
        let (text, whole) = m.switched("article").expect("has another reading");
        assert_eq!((text.as_str(), whole.reading), ("whole", Reading::Whole));
        let (back, article) = whole.switched(&text).expect("and back");
        assert_eq!((back.as_str(), article), ("article", m));
    }

    #[test]
    fn json_round_trip_and_tolerance() {
        let m = PageMeta { meta: Meta { title: Some("T".into()), url: Some("https://x.example/a".into()), ..Meta::default() }, found: true, ..PageMeta::default() };
        let v = serde_json::to_value(&m).expect("serialises");
        assert_eq!(v["url"], "https://x.example/a");
        assert_eq!(PageMeta::from_json(Some(&v)), Some(m));
        assert_eq!(PageMeta::from_json(Some(&serde_json::json!("junk"))), None);
    }
}
