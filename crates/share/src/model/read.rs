//! The shared document read back as the reader's data: what the panel,
//! the highlights and the saved record show.

use std::collections::BTreeSet;

use marginalia_core::model::label::default_labels;
use marginalia_core::model::{Annotation, AnnotationId, DocData, LabelId, Quarantined, SuggestionKey, Target, Timestamp};
use yrs::{Any, GetString, Map, MapRef, Out, ReadTxn, Transact};

use super::write::{any_of, StoredLabel};
use super::{field, SharedDoc};

/// The shared document as the reader's data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Materialized {
    /// Labels, annotations (in creation order) and dismissals; entries a
    /// peer wrote that cannot be read are in its quarantine, not dropped.
    pub data: DocData,
    /// Annotations someone deleted while someone else was editing them:
    /// they stay, edited, and the reader is told.
    pub restored: Vec<AnnotationId>,
}

impl SharedDoc {
    /// Reads the whole shared document.
    pub fn materialize(&self) -> Materialized {
        let txn = self.doc.transact();
        let mut data = DocData { labels: read_labels(&txn, &self.labels), annotations: Vec::new(), dismissed: read_dismissed(&txn, &self.dismissed), quarantine: Vec::new() };
        let mut restored = Vec::new();
        for (key, value) in self.annotations.iter(&txn) {
            let Out::YMap(e) = value else { continue };
            match read_annotation(&txn, key, &e) {
                Ok(Entry::Live(a, was_deleted)) => {
                    if was_deleted {
                        restored.push(a.id.clone());
                    }
                    data.annotations.push(std::rc::Rc::new(*a));
                }
                Ok(Entry::Deleted) => {}
                Err(reason) => data.quarantine.push(Quarantined { raw: format!("shared annotation {key}"), reason }),
            }
        }
        data.annotations.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
        if data.labels.is_empty() {
            data.labels = default_labels();
        }
        Materialized { data, restored }
    }
}

/// One annotation's map, read.
enum Entry {
    /// Shown; `true` when a delete was overruled by an edit it had not seen.
    Live(Box<Annotation>, bool),
    /// Deleted, and no edit came after.
    Deleted,
}

fn read_annotation<T: ReadTxn>(txn: &T, key: &str, e: &MapRef) -> Result<Entry, String> {
    let text = |name: &str| match any_of(txn, e, name) {
        Some(Any::String(s)) => Ok(s.to_string()),
        _ => Err(format!("its {name} is missing or not text")),
    };
    let number = |name: &str| match any_of(txn, e, name) {
        Some(Any::Number(n)) => n.as_f64().map(|f| f as i64).ok_or_else(|| format!("its {name} is not a number")),
        _ => Err(format!("its {name} is missing or not a number")),
    };
    let rev = text(field::REV)?;
    let deleted = any_of(txn, e, field::DELETED).map(|d| matches!(d, Any::String(ref s) if **s == *rev));
    if deleted == Some(true) {
        return Ok(Entry::Deleted);
    }
    let id = AnnotationId::parse(key).map_err(|e| e.to_string())?;
    let target: Target = serde_json::from_str(&text(field::TARGET)?).map_err(|e| format!("its target cannot be read: {e}"))?;
    let label = LabelId::parse(&text(field::LABEL)?).map_err(|e| e.to_string())?;
    let note = match e.get(txn, field::NOTE) {
        Some(Out::YText(t)) => t.get_string(txn),
        _ => String::new(),
    };
    let annotation = Annotation { id, target, label, note, created: Timestamp(number(field::CREATED)?), updated: Timestamp(number(field::UPDATED)?) };
    Ok(Entry::Live(Box::new(annotation), deleted == Some(false)))
}

fn read_labels<T: ReadTxn>(txn: &T, map: &MapRef) -> Vec<marginalia_core::model::Label> {
    let mut labels: Vec<StoredLabel> = map
        .iter(txn)
        .filter_map(|(_, v)| match v {
            Out::Any(Any::String(json)) => serde_json::from_str(&json).ok(),
            _ => None,
        })
        .collect();
    labels.sort_by(|a, b| (a.at, &a.label.id).cmp(&(b.at, &b.label.id)));
    labels.into_iter().map(|l| l.label).collect()
}

fn read_dismissed<T: ReadTxn>(txn: &T, map: &MapRef) -> BTreeSet<SuggestionKey> {
    map.keys(txn).map(SuggestionKey::from_saved).collect()
}
