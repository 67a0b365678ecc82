//! Teams named after their towns, states or colleges (`Oklahoma beat
//! Baylor 27-14`, `Kansas City (11-1)`): CoNLL marks a club an
//! organisation whatever place it is named after, and a country's team a
//! place. The tagger learned clubs from 1996's result tables; sports prose
//! in the manner of US wire copy it reads as places.
//!
//! What shows a team, each on its own:
//! - a result: two names either side of a verb of winning or losing, the
//!   score after the second (`Clemson routed Mississippi State 31-24`,
//!   `Auburn lost to Texas A&M 31-20`), neither a country (`Wales beat San
//!   Marino 6-0`: a country plays countries);
//! - a record in brackets after the name (`Auburn (5-4)`);
//! - a ranking before it (`No. 11 Oklahoma`);
//! - a player's or a coach's role between it and a person (`Tottenham
//!   Hotspur manager Jose Mourinho`, which the tagger read as a person);
//! - a cup's result line, each club with its country in brackets and its
//!   score after them (`Brann ( Norway ) 2 Shelbourne ( Ireland ) 1`),
//!   whatever the tagger read the clubs as (mostly people). One club with
//!   its country and a number is no team: a golfer's round (`Ernie Els (
//!   South Africa ) 71`) reads so;
//! - a fixture: two names either side of `v` (`Bury v Bristol City`),
//!   neither a country, not both people (`Roe v Wade` is a case) nor
//!   both places to the tagger (`England v Scotland`);
//! - a club in brackets after a player, in an article that lists a squad
//!   (a line opening with `Goalkeepers`, `Midfielders`…: `Antonio
//!   Esposito ( Grasshoppers )`) or whose brackets after people are mostly
//!   not countries (a league's scorers: `Anto Drobnjak ( Bastia ) , Xavier
//!   Gravelaine ( Marseille )`). Elsewhere the brackets after a sportsman
//!   mostly hold his country (`Ernie Els ( South Africa )`), and an
//!   article lists many such.
//!
//! A name shown so is a team at every lone mention in the article, except
//! where it is plainly a place: after `in`, or after a place and a comma
//! (`Norman, Oklahoma`).

use std::collections::HashSet;

use super::lexicon::{HOME_NATIONS, RESULT_VERBS, SQUAD_POSITIONS, TEAM_ROLES};
use super::Doc;
use crate::analysis::gazetteer::{self, Kinds};
use crate::analysis::tagger::{NameSpan, NameType};
use crate::analysis::token::Kind;
use crate::analysis::words::FxBuild;

/// Town- and college-named teams are organisations wherever the article
/// shows them playing (see the module's note).
pub fn teams(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let listed = |s: &NameSpan, kinds: u16| gazetteer::lookup(doc.span_text(s)).is_some_and(|e| e.kinds.has(kinds));
    let country = |s: &NameSpan| listed(s, Kinds::COUNTRY);
    // Places shown playing and clubs shown in results or squads, in lower
    // case (the headline's `SEATTLE ROUTS ORIOLES` is the body's Seattle),
    // and names the tagger took for people shown with a team's manager or
    // player.
    let low = |s: &NameSpan| doc.span_text(s).to_lowercase();
    let mut places: HashSet<String, FxBuild> = HashSet::default();
    let mut people: HashSet<&str, FxBuild> = HashSet::default();
    let mut clubs: HashSet<String, FxBuild> = HashSet::default();
    let squad = (0..doc.tokens.len()).any(|k| doc.tokens[k].para_start && SQUAD_POSITIONS.contains(doc.word(k)));
    let voted = clubs_in_brackets(doc, &spans, &country);
    for (j, s) in spans.iter().enumerate() {
        let next = spans.get(j + 1);
        // A country's opponent is a country's team too (`Wales beat San
        // Marino 6-0`, Wales no country in the gazetteer).
        if let Some(b) = next.filter(|b| result_between(doc, s, b) && !country(s) && !country(b)) {
            places.extend([low(s), low(b)]);
        }
        if (record_after(doc, s) || ranked(doc, s)) && !country(s) {
            places.insert(low(s));
        }
        if s.kind == NameType::Person && next.is_some_and(|b| coached_by(doc, s, b)) && !listed(s, Kinds::PLACE) {
            people.insert(doc.span_text(s));
        }
        if let Some(b) = next.filter(|b| versus(doc, s, b) && !country(s) && !country(b)) {
            clubs.extend([low(s), low(b)]);
        }
        if let Some(b) = cup_result(doc, &spans, j, &country) {
            clubs.extend([low(s), low(&spans[b])]);
        }
        if let Some(club) = next.filter(|c| (squad || voted) && s.kind == NameType::Person && bracketed(doc, s, c) && !country(c)) {
            clubs.insert(low(club));
        }
    }
    let team = |j: usize| {
        let (s, key) = (&spans[j], low(&spans[j]));
        let shown = (clubs.contains(&key) && s.kind != NameType::Org) || (s.kind == NameType::Place && places.contains(&key));
        (shown && !placed(doc, &spans, j)) || (s.kind == NameType::Person && people.contains(doc.span_text(s)))
    };
    let retyped: Vec<usize> = (0..spans.len()).filter(|&j| team(j)).collect();
    for j in retyped {
        spans[j].kind = NameType::Org;
    }
    spans
}

/// `a` VERB [`to`/`past`/`the`…] `b` SCORE: one to [`MAX_RESULT_WORDS`]
/// lower-case words between the names, the first of [`RESULT_VERBS`], and
/// a score right after `b`.
fn result_between(doc: &Doc, a: &NameSpan, b: &NameSpan) -> bool {
    let gap = b.first.saturating_sub(a.last + 1);
    if !(1..=MAX_RESULT_WORDS).contains(&gap) || !RESULT_VERBS.contains(doc.word(a.last + 1)) {
        return false;
    }
    let lower = (a.last + 1..b.first).all(|k| doc.word(k).chars().all(char::is_lowercase));
    lower && is_record(&doc.text[doc.tokens[b.last].end..])
}

/// `A ( C ) n B ( D ) m` from span `j` (`A`): each club followed by its
/// country in brackets (a place to the tagger or a listed country) and a
/// score. Returns `B`'s index.
fn cup_result(doc: &Doc, spans: &[NameSpan], j: usize, country: &dyn Fn(&NameSpan) -> bool) -> Option<usize> {
    let with_country = |k: usize| -> Option<usize> {
        let (club, land) = (spans.get(k)?, spans.get(k + 1)?);
        let scored = doc.tokens.get(land.last + 2).is_some_and(|t| t.kind == Kind::Number && t.text(doc.text).len() <= 2);
        (bracketed(doc, club, land) && scored && (land.kind == NameType::Place || country(land))).then_some(land.last + 3)
    };
    let after_a = with_country(j)?;
    let b = j + 2;
    (spans.get(b).is_some_and(|s| s.first == after_a) && with_country(b).is_some()).then_some(b)
}

/// `a v b`, a fixture (on CoNLL-2003 `train` 108 of the 112 names either
/// side of `v` are clubs, 3 countries), unless both are people or both
/// places: the home nations are no listed country (`England v Scotland`),
/// and a country's team is a place. Only the bare `v` of sports pages:
/// prose writes `vs.` and `versus` of anyone (`a Mothra versus Godzilla
/// election`, `Clinton vs. Trump`).
fn versus(doc: &Doc, a: &NameSpan, b: &NameSpan) -> bool {
    b.first == a.last + 2 && doc.word(a.last + 1) == "v" && !(a.kind == b.kind && matches!(a.kind, NameType::Person | NameType::Place))
}

/// Brackets after people an article must hold before what they hold says
/// whether they are clubs: one or two are no list.
const MIN_BRACKETED: usize = 3;

/// Whether the names in brackets after people (`Person ( X )`) are clubs
/// by the article's own vote: [`MIN_BRACKETED`] or more, fewer than a third
/// of them the places people are addressed by. On CoNLL-2003 `train` every
/// article of such brackets is either mostly clubs (a league's scorers or
/// a squad: 0 to 17 % listed countries, in 5 articles) or all countries to
/// the gold (45 to 100 % listed, in 60: golf, tennis, cycling,
/// athletics). The home nations count with the countries: a leaderboard
/// of British golfers holds nothing else. US politics brackets a
/// politician's state (`Sen. John McCain ( Ariz. )`), which the vote
/// counts as such a place too.
///
/// Nor are brackets that mostly hold people clubs: a film's cast is
/// written `Columbus ( Jesse Eisenberg ) , Wichita ( Emma Stone )` (two
/// films' pages among the saved web pages had their actors made clubs).
fn clubs_in_brackets(doc: &Doc, spans: &[NameSpan], country: &dyn Fn(&NameSpan) -> bool) -> bool {
    let held: Vec<&NameSpan> = spans.windows(2).filter(|w| w[0].kind == NameType::Person && bracketed(doc, &w[0], &w[1])).map(|w| &w[1]).collect();
    let addresses = held.iter().filter(|c| country(c) || HOME_NATIONS.contains(doc.span_text(c)) || is_state(doc, c)).count();
    let people = held.iter().filter(|c| c.kind == NameType::Person).count();
    held.len() >= MIN_BRACKETED && 3 * addresses < held.len() && 2 * people < held.len()
}

/// A state as a politician's brackets name it: listed as one (`Iowa`), an
/// abbreviation (`Ariz.`, `N.H.`) or with the party (`R-Fla.`).
fn is_state(doc: &Doc, s: &NameSpan) -> bool {
    let text = doc.span_text(s);
    text.ends_with('.') || text.contains('-') || gazetteer::lookup(text).is_some_and(|e| e.kinds.has(Kinds::STATE))
}

/// `b` in brackets right after `a`: `a ( b )`.
fn bracketed(doc: &Doc, a: &NameSpan, b: &NameSpan) -> bool {
    b.first == a.last + 2 && doc.word(a.last + 1) == "(" && doc.tokens.get(b.last + 1).is_some_and(|t| t.text(doc.text) == ")")
}

/// Words a result holds between its names: the verb, a particle (`lost
/// to`, `rallied past`) and an article (`beat the Denver Broncos`).
const MAX_RESULT_WORDS: usize = 3;

/// `Tottenham Hotspur manager Jose Mourinho`: a name, one of
/// [`TEAM_ROLES`], then a person (in CoNLL-2003 `train` the first name of
/// 68 such phrases is a team, a country or a nationality, never a person).
fn coached_by(doc: &Doc, a: &NameSpan, b: &NameSpan) -> bool {
    b.first == a.last + 2 && b.kind == NameType::Person && TEAM_ROLES.contains(doc.word(a.last + 1))
}

/// `Auburn (5-4)`, `Oklahoma ( 7-2 overall`: a record in brackets.
fn record_after(doc: &Doc, s: &NameSpan) -> bool {
    let rest = doc.text[doc.tokens[s.last].end..].trim_start_matches(' ');
    rest.strip_prefix('(').is_some_and(is_record)
}

/// `No. 11 Oklahoma`, `No . 5 Texas A&M`: a poll's ranking before the name.
fn ranked(doc: &Doc, s: &NameSpan) -> bool {
    let k = s.first;
    let number = k >= 2 && doc.tokens[k - 1].kind == Kind::Number;
    number && (doc.word(k - 2) == "No." || (k >= 3 && doc.word(k - 2) == "." && doc.word(k - 3) == "No"))
}

/// Text that opens (after spaces) with a score or a record: digits, a
/// dash, digits (`27-14`, `3 - 1`, `7–2`).
fn is_record(text: &str) -> bool {
    let digits = |t: &str| t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let t = text.trim_start_matches(' ');
    let n = digits(t);
    if n == 0 {
        return false;
    }
    let t = t[n..].trim_start_matches(' ');
    let Some(t) = t.strip_prefix(['-', '–']) else { return false };
    digits(t.trim_start_matches(' ')) > 0
}

/// Span `j` is plainly the place: after `in` (`In Bergen` too), or after
/// another place and a comma (`Norman, Oklahoma`).
fn placed(doc: &Doc, spans: &[NameSpan], j: usize) -> bool {
    let first = spans[j].first;
    let after_in = first > 0 && doc.low(first - 1) == "in";
    let address = first > 1 && doc.word(first - 1) == "," && j > 0 && spans[j - 1].last == first - 2 && spans[j - 1].kind == NameType::Place;
    after_in || address
}
