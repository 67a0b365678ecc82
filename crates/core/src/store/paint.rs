//! What the embedded widget paints on a host page: named layers of text
//! ranges, each with the style of its `::highlight()` rule.
//!
//! The app draws highlights as elements it renders; a widget on someone
//! else's page may not add elements, so it paints ranges with the CSS
//! Custom Highlight API instead (`platform::highlights`). What to paint is
//! decided here, from the same state and suggestions the app shows, so the
//! two agree: the reader's annotations by label, the selected one on top,
//! and the found entities and quotations the reader has not hidden,
//! dismissed or accepted.

use crate::analysis::EntityType;
use crate::model::DocData;
use crate::store::suggest::{self, Status, Suggestion, SuggestionKind};
use crate::store::view::Highlight;
use crate::text::CharRange;

/// Paint order: a higher layer paints over a lower one where they overlap.
/// Quotations are long and faint, so lowest; entities are underlines above
/// them; the reader's own annotations cover both; the selected one is on
/// top so the reader sees which passage the panel is showing.
pub mod priority {
    /// Found quotations.
    pub const QUOTE: i32 = 1;
    /// Found entities.
    pub const ENTITY: i32 = 2;
    /// The reader's annotations.
    pub const NOTE: i32 = 3;
    /// The annotation open in the panel.
    pub const SELECTED: i32 = 4;
}

/// Opacity of an annotation's label colour behind the text: strong enough
/// to find on a white page, faint enough to read through.
const NOTE_ALPHA: f32 = 0.4;
/// The selected annotation's, a step stronger.
const SELECTED_ALPHA: f32 = 0.65;

/// One highlight layer.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// Its name (a CSS identifier; the painter adds the widget's prefix).
    pub name: String,
    /// The passages.
    pub ranges: Vec<CharRange>,
    /// Paint order ([`priority`]).
    pub priority: i32,
    /// The declarations of its `::highlight()` rule.
    pub style: String,
}

/// The layers for a state: `highlights` are the annotations placed on the
/// text, `selected` the one open in the panel, `visible` the suggestions
/// the reader has not hidden (with their statuses). `found` false leaves
/// out entities and quotations (the host asked for annotations only).
pub fn layers(data: &DocData, highlights: &[Highlight], selected: Option<&crate::model::AnnotationId>, visible: &[(Suggestion, Status)], found: bool) -> Vec<Layer> {
    let mut out: Vec<Layer> = data
        .labels
        .iter()
        .enumerate()
        .map(|(i, label)| Layer {
            name: format!("note-{i}"),
            ranges: highlights.iter().filter(|h| h.label.id == label.id).map(|h| h.range).collect(),
            priority: priority::NOTE,
            style: format!("background-color: {}; color: inherit;", label.color.css_rgba(NOTE_ALPHA)),
        })
        .collect();
    let chosen: Vec<&Highlight> = highlights.iter().filter(|h| Some(h.id()) == selected).collect();
    let style = chosen.first().map_or(String::new(), |h| {
        format!("background-color: {}; text-decoration: underline 2px {};", h.label.color.css_rgba(SELECTED_ALPHA), h.label.color.as_str())
    });
    out.push(Layer { name: "selected".into(), ranges: chosen.iter().map(|h| h.range).collect(), priority: priority::SELECTED, style });
    for t in EntityType::ALL.into_iter().filter(|t| *t != EntityType::Media) {
        let kind = SuggestionKind::Entity(t);
        out.push(found_layer(&format!("ent-{}", t.as_str().to_ascii_lowercase()), kind, visible, found, priority::ENTITY));
    }
    out.push(found_layer("quote", SuggestionKind::Quote, visible, found, priority::QUOTE));
    out
}

/// The layer of open suggestions of `kind` (accepted ones are annotations
/// already and paint as such).
fn found_layer(name: &str, kind: SuggestionKind, visible: &[(Suggestion, Status)], found: bool, priority: i32) -> Layer {
    let ranges = if found {
        visible.iter().filter(|(s, st)| s.kind == kind && *st == Status::Open).map(|(s, _)| s.range).collect()
    } else {
        Vec::new()
    };
    let color = suggest::type_color(kind);
    let style = match kind {
        SuggestionKind::Quote => format!("background-color: {};", color.css_rgba(0.18)),
        SuggestionKind::Entity(_) => format!("text-decoration: underline 2px {};", color.as_str()),
    };
    Layer { name: name.to_string(), ranges, priority, style }
}

/// The style sheet for `layers`, each name passed through `full_name`
/// (the painter's prefix).
pub fn style_sheet(layers: &[Layer], full_name: impl Fn(&str) -> String) -> String {
    layers.iter().map(|l| format!("::highlight({}) {{ {} }}\n", full_name(&l.name), l.style)).collect()
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::model::{Annotation, AnnotationId, Document, SuggestionKey, Target, Timestamp};

    fn highlight(id: &str, data: &DocData, label: usize, range: (usize, usize)) -> Highlight {
        let doc = Document::from_raw("Title\nSome text to annotate here.", None);
        let target = Target::describe(&doc, CharRange::new(6, 10)).expect("target");
        let (id, label_id) = (AnnotationId::parse(id).expect("id"), data.labels[label].id.clone());
        let annotation = Annotation { id, target, label: label_id, note: String::new(), created: Timestamp(1), updated: Timestamp(1) };
        Highlight { range: CharRange::new(range.0, range.1), annotation: Rc::new(annotation), label: Rc::new(data.labels[label].clone()), moved: false }
    }

    fn suggestion(kind: SuggestionKind, range: (usize, usize)) -> Suggestion {
        Suggestion {
            key: SuggestionKey::of("t", range.0, range.1),
            kind,
            range: CharRange::new(range.0, range.1),
            text: String::new(),
            label: String::new(),
            note: String::new(),
            group: None,
        }
    }

    fn by_name<'a>(layers: &'a [Layer], name: &str) -> &'a Layer {
        layers.iter().find(|l| l.name == name).expect(name)
    }

    #[test]
    fn annotations_by_label_selected_on_top_and_open_suggestions_only() {
        let data = DocData::default();
        let hs = vec![highlight("a-1", &data, 0, (0, 4)), highlight("a-2", &data, 1, (5, 9)), highlight("a-3", &data, 0, (10, 12))];
        let person = SuggestionKind::Entity(EntityType::Person);
        let visible = vec![
            (suggestion(person, (20, 25)), Status::Open),
            (suggestion(person, (30, 35)), Status::Accepted),
            (suggestion(SuggestionKind::Quote, (40, 60)), Status::Open),
        ];
        let selected = AnnotationId::parse("a-2").expect("id");
        let ls = layers(&data, &hs, Some(&selected), &visible, true);
        assert_eq!(by_name(&ls, "note-0").ranges, [CharRange::new(0, 4), CharRange::new(10, 12)]);
        assert_eq!(by_name(&ls, "selected").ranges, [CharRange::new(5, 9)]);
        assert!(by_name(&ls, "selected").priority > by_name(&ls, "note-1").priority);
        assert_eq!(by_name(&ls, "ent-person").ranges, [CharRange::new(20, 25)]);
        assert_eq!(by_name(&ls, "quote").ranges, [CharRange::new(40, 60)]);
        assert!(by_name(&ls, "quote").priority < by_name(&ls, "ent-person").priority);
        // Found items off: the layers stay (so the painter clears them) but empty.
        let ls = layers(&data, &hs, None, &visible, false);
        assert!(by_name(&ls, "ent-person").ranges.is_empty() && by_name(&ls, "quote").ranges.is_empty());
        assert!(by_name(&ls, "selected").ranges.is_empty());
    }

    #[test]
    fn the_sheet_names_every_layer_with_the_prefix() {
        let ls = layers(&DocData::default(), &[], None, &[], true);
        let css = style_sheet(&ls, |n| format!("w1-{n}"));
        assert_eq!(css.lines().count(), ls.len());
        assert!(css.contains("::highlight(w1-ent-person) { text-decoration: underline 2px"));
        assert!(css.contains("::highlight(w1-note-0) { background-color: rgba("));
    }
}
