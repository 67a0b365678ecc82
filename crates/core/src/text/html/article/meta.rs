//! The article's metadata: headline, byline, date, site, address and
//! language, from what the page states for machines first (schema.org
//! JSON-LD, then `<meta>` tags, as publishers fill them for search engines
//! and link previews), and from the page itself last (`<title>`, a byline
//! element).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::tree::Raw;

/// What a page says about its article. Every field is optional: many pages
/// state only some.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The authors, as the page writes them (`"A. Writer and B. Writer"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// When it was published, as the page states it (usually ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The publication's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// The canonical address of the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Its language (a BCP 47 tag).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

pub use super::tree::MAX_BYLINE_CHARS;

/// `<meta>` keys for each field, best first.
const TITLE_KEYS: &[&str] = &["dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title", "title", "twitter:title", "parsely-title"];
const BYLINE_KEYS: &[&str] = &["dc:creator", "dcterm:creator", "author", "parsely-author", "article:author"];
const PUBLISHED_KEYS: &[&str] = &["article:published_time", "dcterm:available", "dcterm:created", "dcterm:issued", "weibo:article:create_at", "parsely-pub-date", "datepublished"];
const SITE_KEYS: &[&str] = &["og:site_name"];

/// What the JSON-LD said.
#[derive(Default)]
struct LinkedData {
    title: Option<String>,
    byline: Option<String>,
    published: Option<String>,
    site: Option<String>,
    url: Option<String>,
}

/// The metadata of a page from what its first pass collected. `byline_in_text`
/// is the author line found in the story's container, when any.
pub fn read(raw: &Raw, byline_in_text: Option<&str>) -> Meta {
    let cleaned_title = raw.title.as_deref().map(|t| page_title(t, &raw.headings));
    let ld = raw.json_ld.iter().find_map(|s| linked_data(s, cleaned_title.as_deref()));
    let ld = ld.unwrap_or_default();
    // A key stated twice takes its last value, as a later tag overrides.
    let meta = |keys: &[&str]| keys.iter().find_map(|k| raw.metas.iter().rev().find(|(key, v)| key == k && !v.is_empty()).map(|(_, v)| clean(v)));
    let title = ld.title.or_else(|| meta(TITLE_KEYS)).or_else(|| raw.title.as_deref().map(|t| page_title(t, &raw.headings)));
    let byline = ld
        .byline
        .or_else(|| meta(BYLINE_KEYS).filter(|b| !looks_like_url(b)))
        .or_else(|| byline_in_text.map(clean))
        .filter(|b| !b.is_empty() && b.chars().count() <= MAX_BYLINE_CHARS);
    Meta {
        title: title.filter(|t| !t.is_empty()),
        byline,
        published: ld.published.or_else(|| meta(PUBLISHED_KEYS)),
        site: ld.site.or_else(|| meta(SITE_KEYS)),
        url: raw.canonical.clone().or(ld.url).or_else(|| meta(&["og:url"])).map(|u| u.trim().to_string()),
        lang: raw.lang.as_deref().map(|l| l.trim().to_string()),
    }
}

/// Words a date line holds besides its numbers: months and weekdays (in
/// full and in three letters), times and their zones, and the labels
/// around them.
const DATE_WORDS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "am", "pm", "a", "p", "m",
    "utc", "gmt", "et", "pt", "ct", "est", "edt", "pst", "pdt", "cst", "cdt", "bst", "cet", "cest", "at", "on", "updated",
    "published", "posted",
];

/// Whether an author element's text is a date line instead
/// (`<span class="dateline">Sunday, Feb 1, 2015 11:57 AM UTC</span>`: the
/// `dateline` class names an author line as often): a number and no word
/// but a date's (months, weekdays, times, zones).
pub fn reads_as_date(s: &str) -> bool {
    let words = s.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty());
    s.chars().any(|c| c.is_ascii_digit()) && words.into_iter().all(|w| DATE_WORDS.iter().any(|d| d.eq_ignore_ascii_case(w)))
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www.")
}

/// Whitespace collapsed.
fn clean(s: &str) -> String {
    super::super::collapse(s)
}

/// A JSON-LD block without the CDATA or comment markers pages wrap it in
/// for old parsers.
fn unwrap_json(json: &str) -> &str {
    let json = json.trim();
    let json = json.strip_prefix("<![CDATA[").unwrap_or(json).trim_end().trim_end_matches("]]>");
    json.trim().trim_start_matches("<!--").trim_end_matches("-->")
}

/// The JSON-LD block's article fields, when it describes an article.
fn linked_data(json: &str, page_title: Option<&str>) -> Option<LinkedData> {
    let value: Value = serde_json::from_str(unwrap_json(json)).ok()?;
    let article = find_article(&value)?;
    let text = |k: &str| article.get(k).and_then(Value::as_str).map(clean).filter(|s| !s.is_empty());
    // `name` and `headline` differ on some pages (one is the SEO title):
    // the headline is taken only when it, not the name, matches `<title>`.
    let title = match (text("name"), text("headline")) {
        (Some(n), Some(h)) if n != h => {
            let t = page_title.unwrap_or("");
            let matches = |s: &str| similarity(s, t) > SAME_TITLE;
            Some(if matches(&h) && !matches(&n) { h } else { n })
        }
        (n, h) => n.or(h),
    };
    Some(LinkedData {
        title,
        byline: article.get("author").and_then(authors),
        published: text("datePublished"),
        site: article.get("publisher").and_then(|p| p.get("name")).and_then(Value::as_str).map(clean),
        url: text("url").filter(|u| looks_like_url(u)),
    })
}

/// The article's text as its JSON-LD states it (`articleBody`), when a
/// block describes an article and states one.
pub fn article_body(raw: &Raw) -> Option<String> {
    raw.json_ld.iter().find_map(|json| {
        let value: Value = serde_json::from_str(unwrap_json(json)).ok()?;
        find_article(&value)?.get("articleBody")?.as_str().map(str::to_string).filter(|b| !b.trim().is_empty())
    })
}

/// Lower-case words of `text` (runs of letters and digits): how titles and
/// an `articleBody` are compared with the page.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// Two titles this similar ([`similarity`]) are the same title.
pub const SAME_TITLE: f32 = 0.75;

/// How much of `b` is in `a`: 1 minus the share of `b`'s text (its words,
/// by length) whose words `a` lacks. Case is ignored.
pub fn similarity(a: &str, b: &str) -> f32 {
    let (wa, wb): (Vec<String>, Vec<String>) = (words(a).collect(), words(b).collect());
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let unique: Vec<&String> = wb.iter().filter(|w| !wa.contains(w)).collect();
    let len = |ws: &[&String]| ws.iter().map(|w| w.chars().count()).sum::<usize>() + ws.len().saturating_sub(1);
    let all: Vec<&String> = wb.iter().collect();
    1.0 - len(&unique) as f32 / len(&all).max(1) as f32
}

/// Schema.org types of an article.
fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    t.ends_with("Article") || matches!(t, "BlogPosting" | "LiveBlogPosting" | "Report" | "NewsArticle" | "WebPage" | "SocialMediaPosting" | "Review")
}

/// The first object in `v` (arrays and `@graph` searched) typed as an
/// article; pages put the article beside organisations and breadcrumbs.
fn find_article(v: &Value) -> Option<&Value> {
    let mut stack = vec![v];
    let mut page = None;
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => {
                let types: Vec<&str> = match map.get("@type") {
                    Some(Value::String(s)) => vec![s.as_str()],
                    Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
                    _ => vec![],
                };
                if types.iter().any(|t| is_article_type(t) && !t.ends_with("WebPage")) {
                    return Some(v);
                }
                if types.iter().any(|t| t.ends_with("WebPage")) && page.is_none() {
                    page = Some(v);
                }
                if let Some(g) = map.get("@graph") {
                    stack.push(g);
                }
            }
            _ => {}
        }
    }
    page.filter(|p| p.get("headline").is_some() || p.get("author").is_some())
}

/// Author names from a JSON-LD `author`: a string, an object with a name,
/// or a list of either.
fn authors(v: &Value) -> Option<String> {
    let names: Vec<String> = match v {
        Value::String(s) => vec![clean(s)],
        Value::Object(m) => m.get("name").and_then(Value::as_str).map(clean).into_iter().collect(),
        Value::Array(items) => items.iter().filter_map(authors).collect(),
        _ => vec![],
    };
    let names: Vec<String> = names.into_iter().filter(|n| !n.is_empty()).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// Separators between a headline and the site's name in `<title>`.
const SEPARATORS: &[char] = &['|', '-', '–', '—', '\\', '/', '>', '»'];
/// Separators that mark a path (`Site » Section » Story`).
const HIERARCHY: &[char] = &['\\', '/', '>', '»'];
/// A cleaned title this short is probably the site's name: the whole
/// `<title>` is kept instead.
const MIN_TITLE_WORDS: usize = 4;
/// A `<title>` shorter or longer than these (characters) is not a headline;
/// the page's only `<h1>` is.
const TITLE_CHARS: std::ops::Range<usize> = 15..150;

/// The headline in a page's `<title>`: the site's name cut off when a
/// separator sets it apart, kept when the rest would be too short.
pub fn page_title(title: &str, headings: &[(u32, bool, String)]) -> String {
    let orig = clean(title);
    let words = |s: &str| s.split_whitespace().count();
    let mut cur = orig.clone();
    let mut hierarchical = false;
    let spaced_sep = |s: &str| -> Vec<usize> {
        let cs: Vec<(usize, char)> = s.char_indices().collect();
        (1..cs.len().saturating_sub(1)).filter(|&k| SEPARATORS.contains(&cs[k].1) && cs[k - 1].1 == ' ' && cs[k + 1].1 == ' ').map(|k| cs[k].0).collect()
    };
    let seps = spaced_sep(&orig);
    if let (Some(&first), Some(&last)) = (seps.first(), seps.last()) {
        hierarchical = seps.iter().any(|&k| orig[k..].starts_with(HIERARCHY));
        cur = orig[..last].trim().to_string();
        if words(&cur) < 3 {
            cur = orig[first..].chars().skip(1).collect::<String>().trim().to_string();
        }
    } else if orig.contains(": ") {
        if !headings.iter().any(|(_, _, h)| *h == orig) {
            let after_last = orig.rsplit(':').next().unwrap_or("").trim().to_string();
            cur = after_last;
            if words(&cur) < 3 {
                cur = orig.split_once(':').map_or(String::new(), |(_, r)| r.trim().to_string());
            } else if orig.split_once(':').is_some_and(|(l, _)| words(l) > 5) {
                cur = orig.clone();
            }
        }
    } else if !TITLE_CHARS.contains(&orig.chars().count()) {
        let h1s: Vec<&String> = headings.iter().filter(|(_, h1, _)| *h1).map(|(_, _, t)| t).collect();
        if h1s.len() == 1 {
            cur = h1s[0].clone();
        }
    }
    let cur = clean(&cur);
    let n = words(&cur);
    let without_seps = words(&orig.replace(SEPARATORS, ""));
    if n <= MIN_TITLE_WORDS && (!hierarchical || n != without_seps.saturating_sub(1)) {
        orig
    } else {
        cur
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_title_table() {
        let cases: &[(&str, &str)] = &[
            ("Obama admits US gun laws are his biggest frustration - BBC News", "Obama admits US gun laws are his biggest frustration"),
            ("Short | Site", "Short | Site"),
            ("Site: A long enough headline here", "A long enough headline here"),
            ("Plain headline that is fine", "Plain headline that is fine"),
        ];
        for (input, want) in cases {
            assert_eq!(page_title(input, &[]), *want, "{input}");
        }
    }

    #[test]
    fn json_ld_graph_and_authors() {
        let raw = Raw {
            json_ld: vec![r#"{"@context":"https://schema.org","@graph":[{"@type":"Organization","name":"X"},{"@type":"NewsArticle","headline":"H","author":[{"@type":"Person","name":"A B"},"C D"],"datePublished":"2020-01-02","publisher":{"name":"Daily"}}]}"#.into()],
            ..Raw::default()
        };
        let m = read(&raw, None);
        assert_eq!((m.title.as_deref(), m.byline.as_deref()), (Some("H"), Some("A B, C D")));
        assert_eq!((m.published.as_deref(), m.site.as_deref()), (Some("2020-01-02"), Some("Daily")));
    }

    #[test]
    fn date_lines_are_no_bylines() {
        for date in ["Sunday, Feb 1, 2015 11:57 AM UTC", "Updated 3:04 p.m. ET, March 2, 2020", "2020-03-02"] {
            assert!(reads_as_date(date), "{date}");
        }
        for byline in ["By Ann Writer", "Richard (R.J.) Eskow", "Jan Smith, 2 March", "By the AP"] {
            assert!(!reads_as_date(byline), "{byline}");
        }
    }

    #[test]
    fn meta_tags_in_order_and_url_bylines_refused() {
        let raw = Raw {
            metas: vec![("og:title".into(), "OG".into()), ("dc:title".into(), "DC".into()), ("article:author".into(), "https://x/a".into())],
            title: Some("T".into()),
            ..Raw::default()
        };
        let m = read(&raw, Some("By Someone"));
        assert_eq!(m.title.as_deref(), Some("DC"));
        assert_eq!(m.byline.as_deref(), Some("By Someone"));
    }
}
