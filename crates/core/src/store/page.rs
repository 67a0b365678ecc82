//! What the embedded widget saves for a host page.
//!
//! The app keys a record by the text's hash: a different text is a
//! different document. A widget on a publisher's page cannot: the
//! publisher corrects a typo and the hash changes, yet the reader's notes
//! belong to the same story. So the widget keys its record by the page
//! (its canonical URL and which article on it, [`PageKey`]) and stores it
//! in our own lossless format ([`crate::export::native`]), which records the
//! text and its hash. Opening the page again restores the annotations
//! through the import path, so the same fuzzy re-anchoring moves or
//! orphans them when the text changed — it never drops them.

use crate::export::error::ImportError;
use crate::export::import::parse_import;
use crate::export::{merge, native};
use crate::model::label::{clean_label_name, default_labels};
use crate::model::{DocData, Document, Label, LabelId, Timestamp};

/// Where a host page's record lives in storage.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PageKey(String);

/// The prefix of every widget record (the app's records use others, so
/// the two never read each other's keys).
const PREFIX: &str = "marginalia:page:";

impl PageKey {
    /// The key for the article `article` (its element ID, or empty) on the
    /// page at `url` (the canonical URL without its fragment), unless the
    /// host chose its own `storage_key`.
    pub fn new(url: &str, article: &str, storage_key: Option<&str>) -> PageKey {
        match storage_key.map(str::trim).filter(|k| !k.is_empty()) {
            Some(k) => PageKey(format!("{PREFIX}{k}")),
            None => {
                let url = url.split('#').next().unwrap_or(url);
                PageKey(format!("{PREFIX}{url}#{article}"))
            }
        }
    }

    /// The storage key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `key` is a page record's.
pub fn is_page_key(key: &str) -> bool {
    key.starts_with(PREFIX)
}

/// A page's record as read back.
#[derive(Debug, PartialEq)]
pub struct Restored {
    /// The annotations and labels, to be anchored on the current text.
    pub data: DocData,
    /// The text changed since the record was written (annotations may
    /// have moved or be orphaned).
    pub text_changed: bool,
}

/// The data a page starts with: the host's label names (in order, the
/// default colours in turn), or the app's default labels.
pub fn initial_data(label_names: &[String]) -> DocData {
    let defaults = default_labels();
    let labels: Vec<Label> = label_names
        .iter()
        .filter_map(|n| clean_label_name(n).ok())
        .enumerate()
        .map(|(i, name)| Label {
            id: LabelId::derived_from("l-", &name),
            name,
            color: defaults[i % defaults.len()].color.clone(),
        })
        .collect();
    if labels.is_empty() {
        DocData::default()
    } else {
        DocData { labels, ..DocData::default() }
    }
}

/// The record to store for `doc` and `data`.
pub fn encode(doc: &Document, data: &DocData, now: Timestamp) -> String {
    native::export(doc, data, now)
}

/// Reads a stored record onto `current`, the text on the page now,
/// starting from `initial` (the page's labels).
pub fn restore(raw: &str, current: &Document, initial: &DocData) -> Result<Restored, ImportError> {
    let parsed = parse_import(raw.as_bytes(), current)?;
    let (data, _) = merge::replace(initial, &parsed.incoming);
    Ok(Restored { data, text_changed: parsed.document.hash != current.hash })
}

/// What happened to an annotation, as the host page hears it.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// `annotationcreated`
    Created,
    /// `annotationchanged`: note, label or passage.
    Changed,
    /// `annotationdeleted`
    Deleted,
}

impl ChangeKind {
    /// The DOM event's name.
    pub fn event(self) -> &'static str {
        match self {
            ChangeKind::Created => "annotationcreated",
            ChangeKind::Changed => "annotationchanged",
            ChangeKind::Deleted => "annotationdeleted",
        }
    }
}

/// One change and the event's `detail` (JSON): the annotation's `id`,
/// `label` name, `note`, quoted `exact` text and its `start`/`end` in code
/// points of the text as it was saved.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// The event's detail, as JSON text.
    pub detail: String,
}

/// The changes from `before` to `after`, in the order of `after` (deletions
/// last).
pub fn changes(before: &DocData, after: &DocData) -> Vec<Change> {
    let old: std::collections::HashMap<_, _> = before.annotations.iter().map(|a| (&a.id, a)).collect();
    let new: std::collections::HashSet<_> = after.annotations.iter().map(|a| &a.id).collect();
    let mut out = Vec::new();
    for a in &after.annotations {
        let kind = match old.get(&a.id) {
            None => ChangeKind::Created,
            Some(o) if *o != a => ChangeKind::Changed,
            Some(_) => continue,
        };
        out.push(Change { kind, detail: detail(after, a) });
    }
    for a in before.annotations.iter().filter(|a| !new.contains(&a.id)) {
        out.push(Change { kind: ChangeKind::Deleted, detail: detail(before, a) });
    }
    out
}

fn detail(data: &DocData, a: &crate::model::Annotation) -> String {
    let label = data.label(&a.label).map(|l| l.name.as_str()).unwrap_or_default();
    let r = a.target.position();
    serde_json::json!({
        "id": a.id.as_str(), "label": label, "note": a.note,
        "exact": a.target.exact, "start": r.start, "end": r.end,
    })
    .to_string()
}

/// A page's record as the Library lists it (the extension's notebook of
/// every page the reader annotated, and the app's).
#[derive(Clone, Debug, PartialEq)]
pub struct SavedPage {
    /// Its storage key.
    pub key: PageKey,
    /// The page's address, to read it again (empty for a host's own key).
    pub address: String,
    /// The article's title.
    pub title: String,
    /// Byline, date and site, as far as the page stated them.
    pub header: Option<String>,
    /// When it was last saved.
    pub saved: Option<Timestamp>,
    /// How many annotations it holds.
    pub annotations: usize,
}

/// Every page record in `kv`, the latest saved first. A record that cannot
/// be read is listed by its key, so the reader sees it is there.
pub fn saved_pages(kv: &dyn super::kv::KeyValue) -> Result<Vec<SavedPage>, super::kv::StorageError> {
    let mut out = Vec::new();
    for key in kv.keys()?.into_iter().filter(|k| k.starts_with(PREFIX)) {
        let Some(raw) = kv.get(&key)? else { continue };
        out.push(listed(PageKey(key), &raw));
    }
    crate::order::sort_by(&mut out, |a, b| b.saved.cmp(&a.saved).then_with(|| a.title.cmp(&b.title)));
    Ok(out)
}

/// The Library's line for one record (read from its JSON alone: no text
/// is indexed to list it).
fn listed(key: PageKey, raw: &str) -> SavedPage {
    let v: serde_json::Value = serde_json::from_str(raw).unwrap_or_default();
    let doc = v.get("document");
    let meta = crate::model::PageMeta::from_json(doc.and_then(|d| d.get("meta")));
    let rest = key.as_str().strip_prefix(PREFIX).unwrap_or_default();
    let address = match rest.rsplit_once('#') {
        Some((url, _)) if url.starts_with("http://") || url.starts_with("https://") => url.to_string(),
        _ => String::new(),
    };
    let title = doc.and_then(|d| d.get("title")).and_then(serde_json::Value::as_str).filter(|t| !t.trim().is_empty());
    SavedPage {
        title: title.map_or_else(|| if address.is_empty() { rest.to_string() } else { address.clone() }, str::to_string),
        address,
        header: meta.and_then(|m| m.header_line()),
        saved: v.get("exportedAt").and_then(serde_json::Value::as_str).and_then(Timestamp::parse_iso),
        annotations: v.get("annotations").and_then(serde_json::Value::as_array).map_or(0, Vec::len),
        key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;
    use crate::anchor::{anchor, Anchor};
    use crate::model::{Annotation, AnnotationId, Target};
    use crate::text::offsets::CharRange;

    fn annotated(text: &str, word: &str) -> (Document, DocData) {
        let doc = Document::from_raw(text, None);
        let start = text.find(word).expect("word");
        let range = CharRange::new(text[..start].chars().count(), text[..start].chars().count() + word.chars().count());
        let target = Target::describe(&doc, range).expect("target");
        let mut data = DocData::default();
        let label = data.labels[0].id.clone();
        let id = AnnotationId::parse("a-1").expect("id");
        data.annotations.push(Rc::new(Annotation { id, target, label, note: "why".into(), created: Timestamp(1), updated: Timestamp(1) }));
        (doc, data)
    }

    #[test]
    fn keys_name_the_page_and_article_or_the_hosts_choice() {
        let cases = [
            ("https://news.example/a?x=1#top", "story", None, "marginalia:page:https://news.example/a?x=1#story"),
            ("https://news.example/a", "", None, "marginalia:page:https://news.example/a#"),
            ("https://news.example/a", "story", Some("  mine "), "marginalia:page:mine"),
            ("https://news.example/a", "story", Some(" "), "marginalia:page:https://news.example/a#story"),
        ];
        for (url, article, key, want) in cases {
            assert_eq!(PageKey::new(url, article, key).as_str(), want, "{url} {article} {key:?}");
        }
    }

    #[test]
    fn a_record_round_trips_on_the_same_text() {
        let (doc, data) = annotated("Title\nThe mayor spoke on Monday.", "mayor");
        let back = restore(&encode(&doc, &data, Timestamp(2)), &doc, &DocData::default()).expect("restore");
        assert!(!back.text_changed);
        assert_eq!(back.data.annotations, data.annotations);
    }

    #[test]
    fn an_edited_text_moves_the_annotation_and_says_so() {
        let (doc, data) = annotated("Title\nThe mayor spoke on Monday.", "mayor");
        let edited = Document::from_raw("Title\nUpdated: the city's mayor spoke on Monday.", None);
        let back = restore(&encode(&doc, &data, Timestamp(2)), &edited, &DocData::default()).expect("restore");
        assert!(back.text_changed);
        let anchor = anchor(&edited, &back.data.annotations[0].target);
        assert!(matches!(anchor, Anchor::Moved { .. }), "{anchor:?}");
        let r = anchor.range().expect("range");
        assert_eq!(edited.indexed.slice(r), Some("mayor"));
    }

    #[test]
    fn host_labels_replace_the_defaults_and_keep_stored_ones() {
        let data = initial_data(&["Source".into(), " Claim\u{0} ".into(), String::new()]);
        assert_eq!(data.labels.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["Source", "Claim"]);
        assert_eq!(initial_data(&[]).labels, DocData::default().labels);
        let (doc, stored) = annotated("Title\nThe mayor spoke.", "mayor");
        let back = restore(&encode(&doc, &stored, Timestamp(2)), &doc, &data).expect("restore");
        assert!(back.data.labels.iter().any(|l| l.name == "Source"));
        assert!(back.data.label(&back.data.annotations[0].label).is_some());
    }

    #[test]
    fn changes_name_each_annotation_once() {
        let (_, before) = annotated("Title\nThe mayor spoke.", "mayor");
        let (_, mut after) = annotated("Title\nThe mayor spoke.", "spoke");
        Rc::make_mut(&mut after.annotations[0]).id = AnnotationId::parse("a-2").expect("id");
        after.annotations.push(before.annotations[0].clone());
        Rc::make_mut(&mut after.annotations[1]).note = "edited".into();
        let got: Vec<_> = changes(&before, &after).into_iter().map(|c| c.kind).collect();
        assert_eq!(got, [ChangeKind::Created, ChangeKind::Changed]);
        let gone = changes(&after, &DocData::default());
        assert_eq!(gone.len(), 2);
        assert!(gone.iter().all(|c| c.kind == ChangeKind::Deleted));
        let d: serde_json::Value = serde_json::from_str(&gone[1].detail).expect("json");
        assert_eq!((d["id"].as_str(), d["exact"].as_str(), d["note"].as_str()), (Some("a-1"), Some("mayor"), Some("edited")));
        assert!(changes(&before, &before).is_empty());
    }

    #[test]
    fn saved_pages_list_every_record_latest_first() {
        use super::super::kv::{KeyValue, MemoryStore};
        let kv = MemoryStore::default();
        let (doc, data) = annotated("The mayor's plan\nThe mayor spoke on Monday.", "mayor");
        let older = PageKey::new("https://news.example/older", "", None);
        let newer = PageKey::new("https://news.example/newer?id=2", "story", None);
        kv.set(older.as_str(), &encode(&doc, &DocData::default(), Timestamp(1_000))).expect("set");
        kv.set(newer.as_str(), &encode(&doc, &data, Timestamp(9_000))).expect("set");
        kv.set(PageKey::new("", "", Some("mine")).as_str(), "{broken").expect("set");
        kv.set("marginalia:doc:other", "{}").expect("set");
        let pages = saved_pages(&kv).expect("list");
        let got: Vec<_> = pages.iter().map(|p| (p.address.as_str(), p.title.as_str(), p.annotations)).collect();
        assert_eq!(got, [("https://news.example/newer?id=2", "The mayor's plan", 1), ("https://news.example/older", "The mayor's plan", 0), ("", "mine", 0)]);
        assert_eq!(pages[0].saved, Some(Timestamp(9_000)));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let doc = Document::from_raw("Title\nText.", None);
        assert!(restore("{not json", &doc, &DocData::default()).is_err());
        assert!(restore("", &doc, &DocData::default()).is_err());
    }
}
