//! W3C Web Annotation Data Model (JSON-LD), the interchange format other
//! clients read (Apache Annotator, Recogito, annotation servers).
//!
//! Export: an `AnnotationCollection` whose `first` page holds the items.
//! Each annotation targets `urn:marginalia:doc:<hash>` with a
//! `TextQuoteSelector` (exact, 32 characters of prefix and suffix) and a
//! `TextPositionSelector` whose `start`/`end` count **Unicode code points**
//! as the model specifies (Hypothesis and Recogito export UTF-16 units
//! under that name, which breaks on emoji). The note is a `TextualBody`
//! with purpose `commenting`, the label a `TextualBody` with purpose
//! `tagging`. Orphaned annotations keep only their quote selector.
//!
//! Import accepts a collection (`first.items` or `items`), a page, a single
//! annotation or an array of them; selectors may be one object or a list.
//! Hypothesis API JSON (`text`, `tags`, `target[].selector`) is read too.

use serde_json::{json, Map, Value};

use super::error::ImportError;
use super::Incoming;
use crate::anchor::Anchor;
use crate::model::label::PALETTE;
use crate::model::{Annotation, AnnotationId, Color, DocData, Document, Label, LabelId, Quarantined, Target, Timestamp};
use crate::text::{CharRange, DocHash};

/// The JSON-LD context of the model.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// Prefix of our document IRIs.
pub const DOC_URN: &str = "urn:marginalia:doc:";
/// Prefix of our annotation IRIs.
pub const ANNOTATION_URN: &str = "urn:marginalia:annotation:";

/// Serialises the data as an `AnnotationCollection` (pretty-printed).
pub fn export(doc: &Document, data: &DocData, anchor_of: &dyn Fn(&AnnotationId) -> Option<Anchor>, now: Timestamp) -> String {
    // The article's canonical address when its page stated one (the
    // annotations then name the page readers know); else our document URN.
    let source = doc.page.as_ref().and_then(|p| p.meta.url.clone()).unwrap_or_else(|| format!("{DOC_URN}{}", doc.hash));
    let mut items: Vec<(usize, Value)> = Vec::new();
    for a in &data.annotations {
        let anchor = anchor_of(&a.id).unwrap_or(Anchor::Orphan);
        let mut selectors = Vec::new();
        let order = match anchor.range() {
            Some(range) => {
                // In place, the stored selectors describe it (with the
                // context they chose); moved, describe where it is now.
                let here = match anchor {
                    Anchor::Exact(_) => a.target.clone(),
                    _ => Target::describe(doc, range).unwrap_or_else(|| a.target.clone()),
                };
                selectors.push(json!({"type": "TextQuoteSelector", "exact": here.exact, "prefix": here.prefix, "suffix": here.suffix}));
                selectors.push(json!({"type": "TextPositionSelector", "start": range.start, "end": range.end}));
                range.start
            }
            None => {
                let t = &a.target;
                selectors.push(json!({"type": "TextQuoteSelector", "exact": t.exact, "prefix": t.prefix, "suffix": t.suffix}));
                usize::MAX
            }
        };
        let mut body = Vec::new();
        if !a.note.is_empty() {
            body.push(json!({"type": "TextualBody", "purpose": "commenting", "value": a.note, "format": "text/plain"}));
        }
        let label = data.label(&a.label).map_or(a.label.as_str(), |l| l.name.as_str());
        body.push(json!({"type": "TextualBody", "purpose": "tagging", "value": label}));
        items.push((
            order,
            json!({
                "id": format!("{ANNOTATION_URN}{}", a.id),
                "type": "Annotation",
                "created": a.created.to_iso(),
                "modified": a.updated.to_iso(),
                "body": body,
                "target": {"source": source, "selector": selectors},
            }),
        ));
    }
    crate::order::sort_by_key(&mut items, |(order, _)| *order);
    let items: Vec<Value> = items.into_iter().map(|(_, v)| v).collect();
    let collection = json!({
        "@context": CONTEXT,
        "id": format!("urn:marginalia:collection:{}", doc.hash),
        "type": "AnnotationCollection",
        "label": doc.title,
        "total": items.len(),
        "generated": now.to_iso(),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    });
    serde_json::to_string_pretty(&collection).unwrap_or_default()
}

/// True when `v` looks like Web Annotation data (or a Hypothesis export).
pub fn recognise(v: &Value) -> bool {
    let is_anno = |o: &Value| {
        let t = o.get("type").and_then(Value::as_str);
        matches!(t, Some("Annotation" | "AnnotationCollection" | "AnnotationPage"))
            || o.get("@context").is_some_and(|c| c.to_string().contains("anno.jsonld"))
            || (o.get("uri").is_some() && o.get("target").is_some_and(Value::is_array))
    };
    match v {
        Value::Array(items) => !items.is_empty() && items.iter().all(is_anno),
        other => is_anno(other),
    }
}

/// The annotation objects inside a collection, page, array or single item.
fn items(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        Value::Object(o) => {
            if let Some(Value::Array(a)) = o.get("first").and_then(|f| f.get("items")) {
                a.iter().collect()
            } else if let Some(Value::Array(a)) = o.get("items") {
                a.iter().collect()
            } else {
                vec![v]
            }
        }
        _ => Vec::new(),
    }
}

/// A parsed W3C file.
pub struct Parsed {
    /// The document the annotations claim to target, when it is ours.
    pub source: Option<DocHash>,
    /// The readable annotations (targets refer to `doc`).
    pub incoming: Incoming,
    /// Items that could not be read, with reasons.
    pub skipped: Vec<Quarantined>,
}

/// Reads W3C annotations for `doc`. Annotations without a usable selector
/// are skipped with a reason; tags become labels (matched by name on merge).
pub fn parse(v: &Value, doc: &Document) -> Result<Parsed, ImportError> {
    let list = items(v);
    if list.len() > crate::model::annotation::MAX_ANNOTATIONS {
        return Err(ImportError::TooMany(list.len()));
    }
    let mut out = Parsed { source: None, incoming: Incoming::default(), skipped: Vec::new() };
    for item in list {
        match read_one(item, doc, &mut out.incoming.labels) {
            Ok((a, source)) => {
                if out.source.is_none() {
                    out.source = source;
                }
                out.incoming.annotations.push(std::rc::Rc::new(a));
            }
            Err(reason) => out.skipped.push(Quarantined { raw: serde_json::to_string(item).unwrap_or_default(), reason }),
        }
    }
    Ok(out)
}

fn str_field<'a>(o: &'a Map<String, Value>, k: &str) -> Option<&'a str> {
    o.get(k).and_then(Value::as_str)
}

/// A JSON value that may be one item or a list of them, as a list.
fn one_or_many(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(x) => vec![x],
        None => Vec::new(),
    }
}

fn read_one(item: &Value, doc: &Document, labels: &mut Vec<Label>) -> Result<(Annotation, Option<DocHash>), String> {
    let o = item.as_object().ok_or("not an annotation object")?;
    if let Some(t) = str_field(o, "type") {
        if t != "Annotation" {
            return Err(format!("type is {t}, not Annotation"));
        }
    }
    let (target, source) = read_target(o, doc)?;
    let (note, label_name) = read_bodies(o);
    let label = label_for(&label_name, labels);
    let id = match str_field(o, "id") {
        Some(iri) => match iri.strip_prefix(ANNOTATION_URN).map(AnnotationId::parse) {
            Some(Ok(id)) => id,
            _ => AnnotationId::derived_from("w3c-", iri),
        },
        // No id: derive one from the content so importing twice is idempotent.
        None => AnnotationId::derived_from("w3c-", &format!("{}|{}|{}|{}|{}", target.exact, target.prefix, target.start, note, label_name)),
    };
    let time = |k: &str| str_field(o, k).and_then(Timestamp::parse_iso);
    let created = time("created").unwrap_or_default();
    let updated = time("modified").or_else(|| time("updated")).unwrap_or(created);
    let annotation = Annotation { id, target, label, note, created, updated };
    crate::model::wire::validate(&annotation)?;
    Ok((annotation, source))
}

/// The annotation's target: the first one with selectors (a list of
/// targets is allowed), from its quote and position selectors; and the
/// document it names, if one of ours.
fn read_target(o: &Map<String, Value>, doc: &Document) -> Result<(Target, Option<DocHash>), String> {
    if o.get("target").is_none() {
        return Err("no target".into());
    }
    let targets = one_or_many(o.get("target"));
    let target = targets.iter().find(|t| t.get("selector").is_some()).ok_or("target has no selector")?;
    let source_iri = target.get("source").and_then(Value::as_str).unwrap_or("");
    let source = source_iri.strip_prefix(DOC_URN).and_then(|h| DocHash::parse(h).ok());
    let selectors = one_or_many(target.get("selector"));
    let find = |kind: &str| selectors.iter().copied().find(|s| s.get("type").and_then(Value::as_str) == Some(kind));
    let pos = find("TextPositionSelector").map(position_of).transpose()?;
    let (exact, prefix, suffix) = match find("TextQuoteSelector") {
        Some(q) => {
            let exact = q.get("exact").and_then(Value::as_str).ok_or("TextQuoteSelector without exact")?;
            let text = |k: &str| q.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            (exact.to_string(), text("prefix"), text("suffix"))
        }
        None => {
            let (s, e) = pos.ok_or("no TextQuoteSelector or TextPositionSelector")?;
            let t = Target::describe(doc, CharRange::new(s, e)).ok_or(format!("position {s}–{e} is outside this text"))?;
            (t.exact, t.prefix, t.suffix)
        }
    };
    if exact.is_empty() {
        return Err("empty quote".into());
    }
    // A position is a hint for finding the quote again: one that cannot
    // hold this quote (another length) or lies past the end of the text it
    // names is dropped, and the quote is found by re-anchoring instead
    // (found by the `import` fuzz target: a position 13–174 in a 92-character
    // text was kept and exported again).
    let quote_len = exact.chars().count();
    let same_text = source.as_ref().is_none_or(|s| *s == doc.hash);
    let pos = pos.filter(|&(s, e)| e - s == quote_len && (!same_text || e <= doc.indexed.char_len()));
    let (start, end) = pos.unwrap_or((0, 0));
    Ok((Target { source: source.clone().unwrap_or_else(|| doc.hash.clone()), start, end, exact, prefix, suffix, rival: None, around: None }, source))
}

/// The note and the label name: commenting (or untyped) text is the note,
/// tagging or classifying text the label (`Imported` when none).
fn read_bodies(o: &Map<String, Value>) -> (String, String) {
    let mut note = str_field(o, "bodyValue").or_else(|| str_field(o, "text")).unwrap_or("").to_string();
    let mut tag: Option<String> = o.get("tags").and_then(Value::as_array).and_then(|t| t.first()).and_then(Value::as_str).map(str::to_string);
    for b in one_or_many(o.get("body")) {
        let value = b.get("value").and_then(Value::as_str).or_else(|| b.as_str());
        let purpose = b.get("purpose").and_then(Value::as_str);
        match (purpose, value) {
            (Some("tagging" | "classifying"), Some(v)) if tag.is_none() => tag = Some(v.to_string()),
            (Some("tagging" | "classifying"), _) => {}
            (_, Some(v)) if note.is_empty() => note = v.to_string(),
            _ => {}
        }
    }
    let label_name = tag.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).unwrap_or_else(|| "Imported".to_string());
    (note, label_name)
}

/// A TextPositionSelector's `(start, end)`.
fn position_of(p: &Value) -> Result<(usize, usize), String> {
    let start = p.get("start").and_then(Value::as_u64).ok_or("TextPositionSelector start is not a whole number")?;
    let end = p.get("end").and_then(Value::as_u64).ok_or("TextPositionSelector end is not a whole number")?;
    if start > end {
        return Err(format!("TextPositionSelector end {end} is before start {start}"));
    }
    Ok((start as usize, end as usize))
}

/// The label named `name` among `labels`, created if new. Its id is derived
/// from the name so the merge can match it to an existing label by name.
fn label_for(name: &str, labels: &mut Vec<Label>) -> LabelId {
    if let Some(l) = labels.iter().find(|l| l.name.eq_ignore_ascii_case(name)) {
        return l.id.clone();
    }
    let id = LabelId::derived_from("tag-", &name.to_lowercase());
    let color = Color::parse(PALETTE[labels.len() % PALETTE.len()]).unwrap_or_else(|_| crate::model::label::default_labels()[0].color.clone());
    labels.push(Label { id: id.clone(), name: name.chars().take(crate::model::label::MAX_LABEL_NAME).collect(), color });
    id
}
