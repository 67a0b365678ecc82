//! Analysis results as suggestions the reader can accept or dismiss.
//!
//! A suggestion is keyed by what it is and where (`entity:PERSON:409:423`,
//! `quote:167:189`, code points), so a dismissal saved with the document
//! still applies when the article is opened again (the analysis is
//! deterministic for a given text). Accepting creates an ordinary
//! annotation; a suggestion whose exact passage is already annotated counts
//! as accepted.

use crate::model::SuggestionKey;
use std::collections::{BTreeMap, HashSet};

use crate::analysis::{Analysis, EntityType};
use crate::model::label::PALETTE;
use crate::model::{Color, DocData};
use crate::text::CharRange;

/// What a suggestion proposes.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SuggestionKind {
    /// An entity mention of this type.
    Entity(EntityType),
    /// A direct quotation.
    Quote,
}

/// One accept-or-dismiss proposal.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// Stable key (saved in `DocData::dismissed`).
    pub key: SuggestionKey,
    /// What it is.
    pub kind: SuggestionKind,
    /// Where.
    pub range: CharRange,
    /// The text.
    pub text: String,
    /// Label name an accepted suggestion gets.
    pub label: String,
    /// Note an accepted suggestion gets (the speaker, for quotations).
    pub note: String,
    /// Entity group index, for entities.
    pub group: Option<usize>,
}

/// The label name for an entity type or quotation.
pub fn label_name(kind: SuggestionKind) -> &'static str {
    match kind {
        SuggestionKind::Entity(t) => t.as_str(),
        SuggestionKind::Quote => "Quote",
    }
}

/// The colour of an entity type (also used for its label when created).
pub fn type_color(kind: SuggestionKind) -> Color {
    let hex = match kind {
        SuggestionKind::Entity(EntityType::Person) => "#56ccf2",
        SuggestionKind::Entity(EntityType::Place) => "#27ae60",
        SuggestionKind::Entity(EntityType::Org) => "#2d9cdb",
        SuggestionKind::Entity(EntityType::Misc) => "#e0a3c4",
        SuggestionKind::Entity(EntityType::Date) => "#f2994a",
        SuggestionKind::Entity(EntityType::Quantity) => "#bb6bd9",
        SuggestionKind::Entity(EntityType::Handle) => "#1d9bf0",
        SuggestionKind::Entity(EntityType::Hashtag) => "#9b51e0",
        SuggestionKind::Entity(EntityType::Url) => "#8d6e63",
        SuggestionKind::Entity(EntityType::Email) => "#8d6e63",
        SuggestionKind::Entity(EntityType::Media) => "#828282",
        SuggestionKind::Quote => "#f2c94c",
    };
    Color::parse(hex).unwrap_or_else(|_| crate::model::label::default_labels()[0].color.clone())
}

/// The key of an entity or quotation suggestion.
pub fn key_of(kind: SuggestionKind, range: CharRange) -> SuggestionKey {
    match kind {
        SuggestionKind::Entity(t) => SuggestionKey::of(&format!("entity:{}", t.as_str()), range.start, range.end),
        SuggestionKind::Quote => SuggestionKey::of("quote", range.start, range.end),
    }
}

/// Every suggestion of an analysis, in text order.
pub fn suggestions(a: &Analysis) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = Vec::with_capacity(a.entities.len() + a.quotes.len());
    for e in &a.entities {
        let kind = SuggestionKind::Entity(e.kind);
        let note = match e.group.and_then(|g| a.groups.get(g)) {
            Some(g) if g.canonical != e.text => format!("{} ({})", e.kind.as_str(), g.canonical),
            _ => String::new(),
        };
        out.push(Suggestion { key: key_of(kind, e.range), kind, range: e.range, text: e.text.clone(), label: label_name(kind).to_string(), note, group: e.group });
    }
    for q in &a.quotes {
        let kind = SuggestionKind::Quote;
        let note = match (&q.speaker, q.scare) {
            (_, true) => "Scare quote".to_string(),
            (Some(s), _) => match &q.cue {
                Some(cue) => format!("Speaker: {} ({cue})", s.name),
                None => format!("Speaker: {}", s.name),
            },
            (None, _) => "Speaker not stated".to_string(),
        };
        out.push(Suggestion { key: key_of(kind, q.range), kind, range: q.range, text: q.text.clone(), label: label_name(kind).to_string(), note, group: None });
    }
    crate::order::sort_by_key(&mut out, |s| (s.range.start, s.range.end));
    out
}

/// The state of a suggestion for the open document.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Neither accepted nor dismissed.
    Open,
    /// An annotation covers exactly this passage.
    Accepted,
    /// Dismissed by the reader.
    Dismissed,
}

/// Statuses of `suggestions` given the saved data.
pub fn statuses(suggestions: &[Suggestion], data: &DocData) -> Vec<Status> {
    if suggestions.is_empty() {
        // No analysis yet: no set of 5,000 annotations' places to build.
        return Vec::new();
    }
    let annotated: HashSet<(usize, usize)> = data.annotations.iter().map(|a| (a.target.start, a.target.end)).collect();
    suggestions
        .iter()
        .map(|s| {
            if data.dismissed.contains(&s.key) {
                Status::Dismissed
            } else if annotated.contains(&(s.range.start, s.range.end)) {
                Status::Accepted
            } else {
                Status::Open
            }
        })
        .collect()
}

/// Entity groups by type for the panel: `(type, [(group index, count)])`,
/// types in display order, groups by count then name.
pub fn groups_by_type(a: &Analysis) -> Vec<(EntityType, Vec<(usize, usize)>)> {
    let mut by: BTreeMap<EntityType, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, g) in a.groups.iter().enumerate() {
        if !g.mentions.is_empty() {
            by.entry(g.kind).or_default().push((i, g.mentions.len()));
        }
    }
    let mut out: Vec<(EntityType, Vec<(usize, usize)>)> = EntityType::ALL
        .iter()
        .filter_map(|t| by.remove(t).map(|v| (*t, v)))
        .collect();
    for (_, v) in &mut out {
        crate::order::sort_by(v, |x, y| y.1.cmp(&x.1).then_with(|| a.groups[x.0].canonical.cmp(&a.groups[y.0].canonical)));
    }
    out
}

/// Quotations grouped by speaker ("who said what"), speakers by number of
/// quotations; unattributed and scare quotes last. Values are indices into
/// `a.quotes`.
pub fn quotes_by_speaker(a: &Analysis) -> Vec<(String, Vec<usize>)> {
    let mut by: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut none = Vec::new();
    for (i, q) in a.quotes.iter().enumerate() {
        match &q.speaker {
            Some(s) if !q.scare => by.entry(s.name.clone()).or_default().push(i),
            _ => none.push(i),
        }
    }
    let mut out: Vec<(String, Vec<usize>)> = by.into_iter().collect();
    crate::order::sort_by(&mut out, |x, y| y.1.len().cmp(&x.1.len()).then_with(|| x.0.cmp(&y.0)));
    if !none.is_empty() {
        out.push((String::new(), none));
    }
    out
}

/// A colour for a label created from a suggestion when its type's colour
/// is taken: the palette entry at `n`.
pub fn fallback_color(n: usize) -> Color {
    Color::parse(PALETTE[n % PALETTE.len()]).unwrap_or_else(|_| type_color(SuggestionKind::Quote))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    #[test]
    fn sample_suggestions_and_views() {
        let doc = crate::sample::sample_document();
        let a = analyze(doc.text());
        let s = suggestions(&a);
        assert_eq!(s.len(), a.entities.len() + a.quotes.len());
        assert!(s.windows(2).all(|w| w[0].range.start <= w[1].range.start));
        let blinken = s.iter().find(|x| x.text == "Blinken").unwrap();
        assert_eq!(blinken.note, "PERSON (Antony Blinken)");
        let q = s.iter().find(|x| x.kind == SuggestionKind::Quote && x.text == "cool down").unwrap();
        assert_eq!(q.note, "Scare quote");
        let by_speaker = quotes_by_speaker(&a);
        assert_eq!(by_speaker[0].0, "Antony Blinken");
        assert_eq!(by_speaker.last().unwrap().0, "");
        let types = groups_by_type(&a);
        assert_eq!(types[0].0, EntityType::Person);

        let mut data = DocData::default();
        data.dismissed.insert(s[0].key.clone());
        let st = statuses(&s, &data);
        assert_eq!(st[0], Status::Dismissed);
        assert!(st[1..].iter().all(|x| *x == Status::Open));
    }
}
