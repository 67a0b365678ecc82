//! What changed between two versions of a document's data, as a value:
//! what a reader's change sends to the shared room, and what arrives from
//! it (issue 22). Applying `DocDelta::between(a, b)` to `a` gives `b`.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::{Annotation, AnnotationId, DocData, Label, SuggestionKey};

/// The changes from one version of a document's data to another.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDelta {
    /// Annotations added or changed, whole, as they are in the newer version.
    #[serde(default)]
    pub upserts: Vec<Annotation>,
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
        let old: BTreeMap<&AnnotationId, &Annotation> = before.annotations.iter().map(|a| (&a.id, a)).collect();
        let new: BTreeSet<&AnnotationId> = after.annotations.iter().map(|a| &a.id).collect();
        DocDelta {
            upserts: after.annotations.iter().filter(|a| old.get(&a.id) != Some(a)).cloned().collect(),
            removed: before.annotations.iter().filter(|a| !new.contains(&a.id)).map(|a| a.id.clone()).collect(),
            labels: (before.labels != after.labels).then(|| after.labels.clone()),
            dismissed: after.dismissed.difference(&before.dismissed).cloned().collect(),
            restored: before.dismissed.difference(&after.dismissed).cloned().collect(),
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
        let removed: BTreeSet<&AnnotationId> = self.removed.iter().collect();
        out.annotations.retain(|a| !removed.contains(&a.id));
        let mut at: BTreeMap<AnnotationId, usize> = out.annotations.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
        for a in &self.upserts {
            match at.get(&a.id) {
                Some(&i) => out.annotations[i] = a.clone(),
                None => {
                    at.insert(a.id.clone(), out.annotations.len());
                    out.annotations.push(a.clone());
                }
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, LabelId, Target, Timestamp};
    use crate::text::CharRange;

    fn annotation(id: &str, note: &str) -> Annotation {
        let doc = Document::from_raw("Title\n\nThe council met on Monday.", None);
        let target = Target::describe(&doc, CharRange::new(7, 18)).unwrap();
        Annotation { id: AnnotationId::parse(id).unwrap(), target, label: LabelId::parse("note").unwrap(), note: note.into(), created: Timestamp(1), updated: Timestamp(1) }
    }

    #[test]
    fn applying_the_delta_between_two_versions_gives_the_second() {
        let before = DocData { annotations: vec![annotation("a", "one"), annotation("b", "two"), annotation("c", "three")], ..DocData::default() };
        let mut after = before.clone();
        after.annotations.remove(0);
        after.annotations[0].note = "two, edited".into();
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
    }
}
