//! What changed between two versions of a document's data, as a value:
//! what a reader's change sends to the shared room, and what arrives from
//! it (issue 22). Applying `DocDelta::between(a, b)` to `a` gives `b`.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::rc::Rc;

use super::wire::{decode_parts, Parts};
use super::{Annotation, AnnotationId, DocData, Label, SuggestionKey};

/// The changes from one version of a document's data to another.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDelta {
    /// Annotations added or changed, whole, as they are in the newer version.
    #[serde(default)]
    pub upserts: Vec<Rc<Annotation>>,
    /// Annotations the newer version no longer has.
    #[serde(default)]
    pub removed: Vec<AnnotationId>,
    /// The whole label list, when it changed.
    #[serde(default)]
    pub labels: Option<Vec<Label>>,
    /// Suggestions newly dismissed.
    #[serde(default)]
    pub dismissed: Vec<SuggestionKey>,
    /// Suggestions no longer dismissed.
    #[serde(default)]
    pub restored: Vec<SuggestionKey>,
}

impl DocDelta {
    /// What changed from `before` to `after` (quarantined items are local
    /// and never part of a delta).
    pub fn between(before: &DocData, after: &DocData) -> DocDelta {
        let old = index(&before.annotations);
        let new = index(&after.annotations);
        DocDelta {
            upserts: after.annotations.iter().filter(|a| old.get(a.id.as_str()).map(|&i| &before.annotations[i]) != Some(a)).cloned().collect(),
            removed: before.annotations.iter().filter(|a| !new.contains_key(a.id.as_str())).map(|a| a.id.clone()).collect(),
            labels: (before.labels != after.labels).then(|| after.labels.clone()),
            dismissed: after.dismissed.iter().filter(|k| !before.dismissed.contains(*k)).cloned().collect(),
            restored: before.dismissed.iter().filter(|k| !after.dismissed.contains(*k)).cloned().collect(),
        }
    }

    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.upserts.is_empty() && self.removed.is_empty() && self.labels.is_none() && self.dismissed.is_empty() && self.restored.is_empty()
    }

    /// `data` with these changes: a changed annotation keeps its place in
    /// the list, a new one goes to the end (the list is in creation order).
    pub fn apply(&self, data: &DocData) -> DocData {
        let mut out = data.clone();
        let removed: HashMap<&str, usize> = self.removed.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
        let upserts = index(&self.upserts);
        let mut placed = vec![false; self.upserts.len()];
        out.annotations.retain(|a| !removed.contains_key(a.id.as_str()));
        for a in out.annotations.iter_mut() {
            if let Some(&i) = upserts.get(a.id.as_str()) {
                *a = self.upserts[i].clone();
                placed[i] = true;
            }
        }
        out.annotations.extend(self.upserts.iter().zip(&placed).filter(|(_, &done)| !done).map(|(a, _)| a.clone()));
        if let Some(labels) = &self.labels {
            out.labels = labels.clone();
        }
        out.dismissed.extend(self.dismissed.iter().cloned());
        for key in &self.restored {
            out.dismissed.remove(key);
        }
        out
    }
}

/// Where each annotation of `list` is, by id (one map type for every
/// look-up here: each other key type would be more code in the app).
fn index(list: &[Rc<Annotation>]) -> HashMap<&str, usize> {
    list.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect()
}

impl DocDelta {
    /// Reads a delta from its JSON (the sharing engine's answer), item by
    /// item through the stored record's own decoder (`wire::decode_parts`):
    /// an item that cannot be read is left out rather than failing the
    /// whole delta. (Also what keeps the app's download small: it already
    /// carries that decoder, not a second one for this type.)
    pub fn from_json(v: &Value) -> DocDelta {
        let labels = v.get("labels").filter(|l| l.is_array());
        let decoded = decode_parts(Parts { labels, annotations: v.get("upserts"), dismissed: v.get("dismissed"), quarantine: None }).data;
        let strings = |key: &str| -> Vec<String> {
            v.get(key).and_then(Value::as_array).map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect()).unwrap_or_default()
        };
        DocDelta {
            upserts: decoded.annotations,
            removed: strings("removed").iter().filter_map(|s| AnnotationId::parse(s).ok()).collect(),
            labels: labels.map(|_| decoded.labels),
            dismissed: decoded.dismissed.into_iter().collect(),
            restored: strings("restored").iter().map(|s| SuggestionKey::from_saved(s)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, LabelId, Target, Timestamp};
    use crate::text::CharRange;

    fn annotation(id: &str, note: &str) -> Rc<Annotation> {
        let doc = Document::from_raw("Title\n\nThe council met on Monday.", None);
        let target = Target::describe(&doc, CharRange::new(7, 18)).unwrap();
        Rc::new(Annotation { id: AnnotationId::parse(id).unwrap(), target, label: LabelId::parse("note").unwrap(), note: note.into(), created: Timestamp(1), updated: Timestamp(1) })
    }

    #[test]
    fn applying_the_delta_between_two_versions_gives_the_second() {
        let before = DocData { annotations: vec![annotation("a", "one"), annotation("b", "two"), annotation("c", "three")], ..DocData::default() };
        let mut after = before.clone();
        after.annotations.remove(0);
        Rc::make_mut(&mut after.annotations[0]).note = "two, edited".into();
        after.annotations.push(annotation("d", "four"));
        after.labels.retain(|l| l.id.as_str() != "misc");
        after.dismissed.insert(SuggestionKey::of("quote", 1, 2));
        let delta = DocDelta::between(&before, &after);
        assert_eq!(delta.upserts.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["b", "d"]);
        assert_eq!(delta.removed, vec![AnnotationId::parse("a").unwrap()]);
        assert_eq!(delta.apply(&before), after);
        assert!(DocDelta::between(&after, &after).is_empty());
        let back = DocDelta::between(&after, &before);
        assert_eq!(back.apply(&after).annotations.len(), 3);
        let json = serde_json::to_string(&delta).unwrap();
        assert_eq!(serde_json::from_str::<DocDelta>(&json).unwrap(), delta);
        assert_eq!(DocDelta::from_json(&serde_json::from_str(&json).unwrap()), delta);
        let no_labels = DocDelta { labels: None, ..delta.clone() };
        assert_eq!(DocDelta::from_json(&serde_json::to_value(&no_labels).unwrap()), no_labels);
    }
}
