//! What a document opened from a web page knows about that page (issue 19):
//! the article's metadata, which reading of the page it shows (the article
//! extraction found, or the whole page) and the other reading's text, so
//! the reader can switch without the page at hand. Saved with the document
//! as `document.meta` (record schema 2, Marginalia JSON).

use serde::{Deserialize, Serialize};

pub use crate::text::html::article::Meta;

/// What marks the whole page's title ([`PageMeta::reading_title`]).
pub const WHOLE_PAGE_MARK: &str = " (whole page)";

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

    /// The title a reading of the page goes by, from the title `shown` now:
    /// the headline for the article, and the headline marked `(whole page)`
    /// for the whole page, so the Library and the toolbar tell the two
    /// readings apart.
    pub fn reading_title(&self, shown: &str) -> String {
        let base = shown.strip_suffix(WHOLE_PAGE_MARK).unwrap_or(shown);
        let base = self.meta.title.as_deref().unwrap_or(base);
        match self.reading {
            Reading::Article => base.to_string(),
            Reading::Whole => format!("{base}{WHOLE_PAGE_MARK}"),
        }
    }

    /// Reads `document.meta` from saved or imported JSON; anything that
    /// does not read is left out (a document does not depend on it).
    pub fn from_json(v: Option<&serde_json::Value>) -> Option<PageMeta> {
        serde_json::from_value(v?.clone()).ok()
    }
}

impl PageMeta {
    /// `By Ann Writer · 1 March 2020 · The Daily`, from what the page
    /// states (`None` when it states none of them).
    pub fn header_line(&self) -> Option<String> {
        let m = &self.meta;
        let mut parts = Vec::new();
        if let Some(b) = &m.byline {
            parts.push(if b.to_lowercase().starts_with("by ") { b.clone() } else { format!("By {b}") });
        }
        if let Some(d) = m.published.as_deref().and_then(display_date) {
            parts.push(d);
        }
        if let Some(s) = &m.site {
            parts.push(s.clone());
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    /// What extraction did, for the reader, and the label of the switch to
    /// the other reading (when there is one). `paragraphs` counts the
    /// shown text's.
    pub fn status(&self, paragraphs: usize) -> (String, Option<&'static str>) {
        let other = self.alternate.is_some();
        match (self.found, self.reading) {
            (false, _) => ("This page does not look like an article, so it is shown whole.".to_string(), None),
            (true, Reading::Article) => {
                let p = if paragraphs == 1 { "1 paragraph".to_string() } else { format!("{paragraphs} paragraphs") };
                let blocks = match self.left_out {
                    0 => "nothing else on the page".to_string(),
                    1 => "1 block of page furniture left out".to_string(),
                    n => format!("{n} blocks of page furniture left out"),
                };
                (format!("Article found: {p}; {blocks}."), other.then_some("Show the whole page"))
            }
            (true, Reading::Whole) => ("Showing the whole page, menus and all.".to_string(), other.then_some("Show only the article")),
        }
    }
}

/// Month names for [`display_date`].
const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/// A stated date longer than this is not a date but a sentence: not shown.
const MAX_DATE_CHARS: usize = 40;

/// `2020-03-01T10:00:00Z` -> `1 March 2020`; another short form is shown
/// as the page wrote it.
pub fn display_date(stated: &str) -> Option<String> {
    let s = stated.trim();
    let iso = s.get(..10).filter(|d| d.as_bytes().get(4) == Some(&b'-') && d.as_bytes().get(7) == Some(&b'-'));
    if let Some(d) = iso {
        let (y, m, day) = (d[..4].parse::<u32>().ok(), d[5..7].parse::<usize>().ok(), d[8..10].parse::<u32>().ok());
        if let (Some(y), Some(m @ 1..=12), Some(day @ 1..=31)) = (y, m, day) {
            return Some(format!("{day} {} {y}", MONTHS[m - 1]));
        }
    }
    (!s.is_empty() && s.chars().count() <= MAX_DATE_CHARS).then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_status_lines() {
        let mut m = PageMeta { found: true, left_out: 38, alternate: Some("w".into()), ..PageMeta::default() };
        m.meta.byline = Some("Ann Writer".into());
        m.meta.published = Some("2020-03-01T10:00:00Z".into());
        m.meta.site = Some("The Daily".into());
        assert_eq!(m.header_line().as_deref(), Some("By Ann Writer · 1 March 2020 · The Daily"));
        assert_eq!(m.status(14), ("Article found: 14 paragraphs; 38 blocks of page furniture left out.".to_string(), Some("Show the whole page")));
        m.reading = Reading::Whole;
        assert_eq!(m.status(90).1, Some("Show only the article"));
        let not = PageMeta::default();
        assert_eq!((not.status(3).1, not.header_line()), (None, None));
        assert_eq!(display_date("21.dez.2018"), Some("21.dez.2018".into()));
        assert_eq!(display_date("2019-13-01"), Some("2019-13-01".into()));
    }

    #[test]
    fn switching_twice_comes_back() {
        let m = PageMeta { alternate: Some("whole".into()), found: true, left_out: 3, ..PageMeta::default() };
        let (text, whole) = m.switched("article").expect("has another reading");
        assert_eq!((text.as_str(), whole.reading), ("whole", Reading::Whole));
        let (back, article) = whole.switched(&text).expect("and back");
        assert_eq!((back.as_str(), article), ("article", m));
    }

    #[test]
    fn the_readings_are_told_apart_by_title() {
        let mut m = PageMeta { reading: Reading::Whole, ..PageMeta::default() };
        assert_eq!(m.reading_title("Quake hits coast"), "Quake hits coast (whole page)");
        m.reading = Reading::Article;
        assert_eq!(m.reading_title("Quake hits coast (whole page)"), "Quake hits coast");
        m.meta.title = Some("Headline".into());
        assert_eq!(m.reading_title("anything"), "Headline");
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
