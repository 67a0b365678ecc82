//! A press digest's newspapers. Wire services summarise a country's
//! papers under a headline `PRESS DIGEST - Lebanon - Aug 22`, each paper's
//! name on a line of its own in capitals, its stories below it:
//!
//! ```text
//! AN-NAHAR
//! - Confrontation is escalating between Hizbollah and the government .
//! ```
//!
//! Such a line is an organisation, as CoNLL marks it (66 of the 75 lines
//! in capitals in `train`'s 24 digests; the rest are a section's heading,
//! `FRONT PAGE`, `BUSINESS PAGES`, and a country, `IRAQ`). The tagger had
//! missed a third of them: a lone word in capitals it has never seen
//! (`AS-SAFIR`, `THINAKARAN`) looks like nothing, or like a place.

use super::Doc;
use crate::analysis::gazetteer::{self, Kinds};
use crate::analysis::tagger::{NameSpan, NameType};
use crate::analysis::token::Kind;

/// The most words a newspaper's line holds (`GACETA DE LOS NEGOCIOS`);
/// a longer line in capitals is a heading or a shouted sentence.
const MAX_PAPER_WORDS: usize = 4;

/// A digest's first lines, the headline and the dateline, which are
/// written in capitals too.
const HEADER_LINES: usize = 2;

/// Every line of a press digest that names a paper is one organisation
/// (see the module's note).
pub fn press_digest_papers(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let lines = doc.lines();
    if !lines.first().is_some_and(|headline| is_digest(doc, headline.end)) {
        return spans;
    }
    for line in lines.iter().skip(HEADER_LINES) {
        let (first, end) = (line.start, line.end);
        if !names_a_paper(doc, first, end) {
            continue;
        }
        let last = end - 1;
        spans.retain(|s| s.last < first || s.first > last);
        spans.push(NameSpan { first, last, kind: NameType::Org });
    }
    spans
}

/// The headline, tokens `..end`, says `PRESS DIGEST` in any case. Read
/// word by word: `str::to_uppercase` and a substring search would add
/// Unicode's case tables and a string searcher to the download (8.2 KB
/// gzipped, docs/build-size.md).
fn is_digest(doc: &Doc, end: usize) -> bool {
    (1..end).any(|k| doc.word(k - 1).eq_ignore_ascii_case("press") && doc.word(k).eq_ignore_ascii_case("digest"))
}

/// Tokens `first..end`, a whole line, are a paper's name: words in
/// capitals (a number may follow, `DIARIO 16`), at most
/// [`MAX_PAPER_WORDS`], not a section's heading (`FRONT PAGE`) and not a
/// listed place (`IRAQ`).
fn names_a_paper(doc: &Doc, first: usize, end: usize) -> bool {
    let words = (first..end).filter(|&i| doc.tokens[i].kind == Kind::Word).count();
    let capitals = (first..end).all(|i| !doc.word(i).chars().any(char::is_lowercase));
    let opens_with_word = doc.tokens[first].kind == Kind::Word;
    let last = doc.word(end - 1);
    let line = &doc.text[doc.tokens[first].start..doc.tokens[end - 1].end];
    let place = gazetteer::lookup(line).is_some_and(|e| e.kinds.has(Kinds::PLACE));
    (1..=MAX_PAPER_WORDS).contains(&words) && capitals && opens_with_word && !matches!(last, "PAGE" | "PAGES") && !place
}
