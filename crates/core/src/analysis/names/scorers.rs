//! A match report's scorers, a line per side:
//!
//! ```text
//! Scorers :
//! Brann - Mons Ivar Mjelde ( 10th ) , Jan Ove Pedersen ( 72nd )
//! Brazil - Donizetti ( 47th ) , Ronaldo ( 85th )
//! ```
//!
//! The words before the dash are the side, a club (an organisation) or a
//! country (a place), and each name before a bracketed minute is a player.
//! The tagger had missed a third of the clubs: a lone word opening a line
//! (`Hearts`, `Rishon`) reads as no name, and a player known by one name
//! (`Ronaldo`) as a club.

use super::Doc;
use crate::analysis::gazetteer::{self, Kinds};
use crate::analysis::tagger::{NameSpan, NameType};
use crate::analysis::token::Kind;

/// The most words a side's name takes before the dash (`Hapoel Ironi
/// Rishon Lezion`); more is a sentence.
const MAX_SIDE_WORDS: usize = 4;

/// Each line `Side - Player ( 10th ) …` names a side and its scorers (see
/// the module's note).
pub fn scorer_lines(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    for line in doc.lines() {
        let (first, end) = (line.start, line.end);
        let Some(dash) = side_dash(doc, first, end) else { continue };
        let side = NameSpan { first, last: dash - 1, kind: NameType::Org };
        let country = gazetteer::lookup(doc.span_text(&side)).is_some_and(|e| e.kinds.has(Kinds::COUNTRY));
        spans.retain(|s| s.last < first || s.first > side.last);
        spans.push(NameSpan { kind: if country { NameType::Place } else { NameType::Org }, ..side });
        for s in spans.iter_mut().filter(|s| s.first > dash && s.last + 2 < end && before_minute(doc, s.last)) {
            s.kind = NameType::Person;
        }
    }
    spans
}

/// The spaced dash of a scorers' line `first..end`: capitalised words
/// before it (at most [`MAX_SIDE_WORDS`]), a capitalised word after it,
/// and a minute in brackets somewhere after that.
fn side_dash(doc: &Doc, first: usize, end: usize) -> Option<usize> {
    let dash = (first + 1..end.min(first + MAX_SIDE_WORDS + 1)).find(|&k| doc.is_spaced_dash(k))?;
    let side_ok = (first..dash).all(|k| doc.is_cap(k));
    let player_follows = dash + 1 < end && doc.is_cap(dash + 1);
    let minute = (dash + 2..end.saturating_sub(1)).any(|k| before_minute(doc, k));
    (side_ok && player_follows && minute).then_some(dash)
}

/// Token `k` is followed by `( 10th`: a scorer's minute.
fn before_minute(doc: &Doc, k: usize) -> bool {
    let minute = |t: &str| t.chars().next().is_some_and(|c| c.is_ascii_digit()) && ["st", "nd", "rd", "th"].iter().any(|s| t.ends_with(s));
    doc.tokens.get(k + 2).is_some_and(|t| matches!(t.kind, Kind::Word | Kind::Number) && minute(t.text(doc.text))) && doc.word(k + 1) == "("
}
