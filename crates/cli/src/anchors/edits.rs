//! The edits a publisher makes after readers annotate, applied to an
//! article with the passages' true places tracked through each edit.
//!
//! Each kind of edit yields cases: an edited text and, for the passages the
//! case checks, where each passage is now (`None` when it is gone). Kinds
//! that touch the whole article check all passages at once; kinds aimed at
//! one passage make one case per passage.

use super::article::{sentences, words, Article, Passage};
use super::rng::Rng;

/// A kind of edit.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Five typos fixed outside the passages.
    Typos,
    /// Two paragraphs inserted.
    Inserted,
    /// Two paragraphs moved to the end.
    MovedToEnd,
    /// One word changed inside each passage.
    WordChanged,
    /// The passage's paragraph deleted.
    Deleted,
    /// Up to six words next to the passage in its sentence rewritten.
    Rewritten,
    /// A near-duplicate of the passage's paragraph (one word changed)
    /// inserted elsewhere.
    NearDuplicate,
}

impl Kind {
    /// Every kind, in table order.
    pub const ALL: [Kind; 7] =
        [Kind::Typos, Kind::Inserted, Kind::MovedToEnd, Kind::WordChanged, Kind::Deleted, Kind::Rewritten, Kind::NearDuplicate];

    /// The table's name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Typos => "5 typos outside",
            Kind::Inserted => "2 paragraphs inserted",
            Kind::MovedToEnd => "2 paragraphs moved",
            Kind::WordChanged => "word changed inside",
            Kind::Deleted => "paragraph deleted",
            Kind::Rewritten => "sentence rewritten",
            Kind::NearDuplicate => "near-duplicate para",
        }
    }
}

/// One edited text and the passages it checks: `(passage index, its
/// range in the edited text, or None if it is gone)`.
pub struct Case {
    /// The edited article's text.
    pub text: String,
    /// What is checked.
    pub checks: Vec<(usize, Option<(usize, usize)>)>,
    /// Other places a checked passage may equally be: the same edit made
    /// to an identical twin of a paragraph (a repeated headline, two equal
    /// list rows) gives the very same text, so nothing can tell which of
    /// the twins was deleted or moved, and either answer is right.
    pub equally: Vec<(usize, Option<(usize, usize)>)>,
}

/// An article being edited, with its passages' current places.
#[derive(Clone)]
struct Editing {
    article: Article,
    passages: Vec<Option<Passage>>,
}

impl Editing {
    fn new(article: &Article, passages: &[Passage]) -> Self {
        Editing { article: article.clone(), passages: passages.iter().copied().map(Some).collect() }
    }

    /// Replaces `from..to` of paragraph `para` with `with`, moving the
    /// passages after it (and stretching one that holds it).
    fn replace(&mut self, para: usize, from: usize, to: usize, with: &[char]) {
        self.article.paragraphs[para].splice(from..to, with.iter().copied());
        let delta = with.len() as isize - (to - from) as isize;
        for p in self.passages.iter_mut().flatten().filter(|p| p.para == para) {
            let shift = |x: usize| (x as isize + delta) as usize;
            if p.start >= to {
                (p.start, p.end) = (shift(p.start), shift(p.end));
            } else if p.start <= from && to <= p.end {
                p.end = shift(p.end);
            }
        }
    }

    /// Inserts `paragraph` before paragraph `at`.
    fn insert(&mut self, at: usize, paragraph: Vec<char>) {
        self.article.paragraphs.insert(at, paragraph);
        for p in self.passages.iter_mut().flatten().filter(|p| p.para >= at) {
            p.para += 1;
        }
    }

    /// Removes paragraph `at` (its passages are gone).
    fn remove(&mut self, at: usize) -> Vec<char> {
        for slot in &mut self.passages {
            match slot {
                Some(p) if p.para == at => *slot = None,
                Some(p) if p.para > at => p.para -= 1,
                _ => {}
            }
        }
        self.article.paragraphs.remove(at)
    }

    fn case(&self, only: Option<usize>) -> Case {
        let checks = (0..self.passages.len())
            .filter(|&i| only.is_none_or(|o| o == i))
            .map(|i| (i, self.passages[i].map(|p| self.article.range(&p))))
            .collect();
        Case { text: self.article.text(), checks, equally: Vec::new() }
    }

    /// The paragraphs other than `para` with exactly its text.
    fn twins(&self, para: usize) -> Vec<usize> {
        let text = &self.article.paragraphs[para];
        (0..self.article.paragraphs.len()).filter(|&j| j != para && self.article.paragraphs[j] == *text).collect()
    }
}

/// Adds to `case` where its checked passages are in `other`, an edit of
/// the same kind, if it gave the same text.
fn add_equal(case: &mut Case, other: &Editing) {
    if other.article.text() != case.text {
        return;
    }
    for &(i, _) in &case.checks {
        case.equally.push((i, other.passages[i].map(|p| other.article.range(&p))));
    }
}

/// The cases of `kind` for `passages` of `article`; `donor` lends the
/// paragraphs inserted.
pub fn cases(kind: Kind, article: &Article, passages: &[Passage], donor: &Article, rng: &mut Rng) -> Vec<Case> {
    let base = Editing::new(article, passages);
    match kind {
        Kind::Typos => vec![typos(base, rng)],
        Kind::Inserted => vec![inserted(base, donor, rng)],
        Kind::MovedToEnd => vec![moved_to_end(base, rng)],
        Kind::WordChanged => vec![word_changed(base, rng)],
        Kind::Deleted => (0..passages.len()).map(|i| deleted(&base, i)).collect(),
        Kind::Rewritten => (0..passages.len()).filter_map(|i| rewritten(base.clone(), i, rng)).collect(),
        Kind::NearDuplicate => (0..passages.len()).map(|i| near_duplicate(base.clone(), i, rng)).collect(),
    }
}

fn inside_passage(e: &Editing, para: usize, i: usize) -> bool {
    e.passages.iter().flatten().any(|p| p.para == para && p.start <= i && i < p.end)
}

fn typos(mut e: Editing, rng: &mut Rng) -> Case {
    let mut made = 0;
    for _ in 0..1000 {
        if made == 5 {
            break;
        }
        let para = rng.below(e.article.paragraphs.len());
        let len = e.article.paragraphs[para].len();
        let i = rng.below(len);
        let text = &e.article.paragraphs[para];
        if len < 2 || i + 1 >= len || !text[i].is_alphabetic() || inside_passage(&e, para, i) || inside_passage(&e, para, i + 1) {
            continue;
        }
        let letter = char::from(b'a' + rng.below(26) as u8);
        match rng.below(3) {
            0 if letter != text[i] => e.replace(para, i, i + 1, &[letter]),
            1 => e.replace(para, i, i + 1, &[]),
            _ => {
                let swapped = [text[i + 1], text[i]];
                e.replace(para, i, i + 2, &swapped);
            }
        }
        made += 1;
    }
    e.case(None)
}

fn inserted(mut e: Editing, donor: &Article, rng: &mut Rng) -> Case {
    for _ in 0..2 {
        let paragraph = donor.paragraphs[rng.below(donor.paragraphs.len())].clone();
        let at = rng.below(e.article.paragraphs.len() + 1);
        e.insert(at, paragraph);
    }
    e.case(None)
}

/// Passage `i`'s paragraph deleted (or, equally, an identical twin of it).
fn deleted(base: &Editing, i: usize) -> Case {
    let Some(para) = base.passages[i].map(|p| p.para) else { return base.case(Some(i)) };
    let mut e = base.clone();
    e.remove(para);
    let mut case = e.case(Some(i));
    for twin in base.twins(para) {
        let mut other = base.clone();
        other.remove(twin);
        add_equal(&mut case, &other);
    }
    case
}

fn moved_to_end(e: Editing, rng: &mut Rng) -> Case {
    let n = e.article.paragraphs.len();
    if n < 3 {
        return e.case(None);
    }
    let a = rng.below(n - 1);
    let mut b = rng.below(n - 1);
    if b == a {
        b = (a + 1) % (n - 1);
    }
    let (first, second) = (a.min(b), a.max(b));
    let mut case = move_two(e.clone(), first, second).case(None);
    let with_twins = |p: usize| std::iter::once(p).chain(e.twins(p)).collect::<Vec<_>>();
    for f in with_twins(first) {
        for s in with_twins(second) {
            if f != s && (f, s) != (first, second) {
                add_equal(&mut case, &move_two(e.clone(), f.min(s), f.max(s)));
            }
        }
    }
    case
}

/// Paragraphs `first` and `second` (`first < second`) moved to the end.
fn move_two(mut e: Editing, first: usize, second: usize) -> Editing {
    let (owned_first, owned_second) = (owned_by(&e, first), owned_by(&e, second));
    // The later one first, so the earlier index stays valid.
    let p2 = e.remove(second);
    let p1 = e.remove(first);
    for (paragraph, owned) in [(p1, owned_first), (p2, owned_second)] {
        let at = e.article.paragraphs.len();
        e.article.paragraphs.push(paragraph);
        for (i, p) in owned {
            e.passages[i] = Some(Passage { para: at, ..p });
        }
    }
    e
}

/// The passages in paragraph `para`, to put back after it moves.
fn owned_by(e: &Editing, para: usize) -> Vec<(usize, Passage)> {
    e.passages.iter().enumerate().filter_map(|(i, p)| p.filter(|p| p.para == para).map(|p| (i, p))).collect()
}

fn vocabulary(a: &Article) -> Vec<Vec<char>> {
    a.paragraphs.iter().flat_map(|p| words(p).into_iter().filter(|(s, e)| e - s >= 3).map(|(s, e)| p[s..e].to_vec())).collect()
}

/// A word of `vocab` other than `old`.
fn other_word(vocab: &[Vec<char>], old: &[char], rng: &mut Rng) -> Vec<char> {
    for _ in 0..20 {
        let w = &vocab[rng.below(vocab.len())];
        if !w.iter().map(|c| c.to_lowercase().next()).eq(old.iter().map(|c| c.to_lowercase().next())) {
            return w.clone();
        }
    }
    "replacement".chars().collect()
}

fn word_changed(mut e: Editing, rng: &mut Rng) -> Case {
    let vocab = vocabulary(&e.article);
    for i in 0..e.passages.len() {
        let Some(p) = e.passages[i] else { continue };
        let text = &e.article.paragraphs[p.para];
        let inner = words(&text[p.start..p.end]);
        let (s, t) = inner[rng.below(inner.len())];
        let new = other_word(&vocab, &text[p.start + s..p.start + t], rng);
        e.replace(p.para, p.start + s, p.start + t, &new);
    }
    e.case(None)
}

/// The words next to passage `i` that a rewrite of its sentence changes:
/// up to six before it in its sentence, else up to six after it, else the
/// neighbouring sentence's nearest six.
fn rewrite_span(text: &[char], p: &Passage) -> Vec<(usize, usize)> {
    let w = words(text);
    let first = w.iter().position(|&(s, _)| s >= p.start).unwrap_or(w.len());
    let last = w.iter().rposition(|&(_, e)| e <= p.end).map_or(first, |k| k + 1);
    let sentence = sentences(text, &w).into_iter().find(|&(a, b)| a <= first && first < b).unwrap_or((first, last));
    let before: Vec<_> = w[sentence.0..first].iter().rev().take(6).copied().collect();
    if !before.is_empty() {
        return before;
    }
    let after: Vec<_> = w[last..sentence.1.max(last)].iter().take(6).copied().collect();
    if !after.is_empty() {
        return after;
    }
    w[last..].iter().take(6).copied().chain(w[..first].iter().rev().take(6).copied()).take(6).collect()
}

fn rewritten(mut e: Editing, i: usize, rng: &mut Rng) -> Option<Case> {
    let p = e.passages[i]?;
    let vocab = vocabulary(&e.article);
    let mut span = rewrite_span(&e.article.paragraphs[p.para], &p);
    if span.is_empty() {
        return None;
    }
    // Right to left, so earlier offsets stay valid.
    span.sort_by_key(|w| std::cmp::Reverse(w.0));
    for (s, t) in span {
        let new = other_word(&vocab, &e.article.paragraphs[p.para][s..t], rng);
        e.replace(p.para, s, t, &new);
    }
    Some(e.case(Some(i)))
}

fn near_duplicate(mut e: Editing, i: usize, rng: &mut Rng) -> Case {
    let Some(p) = e.passages[i] else { return e.case(Some(i)) };
    let vocab = vocabulary(&e.article);
    let mut copy = e.article.paragraphs[p.para].clone();
    let w = words(&copy);
    let (s, t) = w[rng.below(w.len())];
    let new = other_word(&vocab, &copy[s..t], rng);
    copy.splice(s..t, new);
    let n = e.article.paragraphs.len();
    // Elsewhere: not right before or after the original.
    let spots: Vec<usize> = (0..=n).filter(|&b| b != p.para && b != p.para + 1).collect();
    let at = if spots.is_empty() { n } else { spots[rng.below(spots.len())] };
    e.insert(at, copy);
    e.case(Some(i))
}

#[cfg(test)]
mod tests {
    use super::super::article::Length;
    use super::*;

    fn article() -> (Article, Vec<Passage>) {
        let a = Article::parse("Alpha Beta said the plan was ready.\n\nGamma Delta was not so sure of it.\n\nEpsilon closed the meeting early today.");
        let passages = vec![
            Passage { para: 0, start: 0, end: 10, length: Length::Short },
            Passage { para: 1, start: 6, end: 11, length: Length::Short },
            Passage { para: 2, start: 0, end: 7, length: Length::Short },
        ];
        (a, passages)
    }

    fn texts(case: &Case) -> Vec<Option<String>> {
        let chars: Vec<char> = case.text.chars().collect();
        case.checks.iter().map(|(_, r)| r.map(|(s, e)| chars[s..e].iter().collect())).collect()
    }

    #[test]
    fn every_kind_tracks_its_passages() {
        let (a, ps) = article();
        let donor = Article::parse("Donor paragraph one.\n\nDonor paragraph two.");
        let want = |s: &str| Some(s.to_string());
        for kind in Kind::ALL {
            let mut rng = Rng::new(3);
            for case in cases(kind, &a, &ps, &donor, &mut rng) {
                let got = texts(&case);
                for ((i, _), text) in case.checks.iter().zip(got) {
                    let original: String = a.paragraphs[ps[*i].para][ps[*i].start..ps[*i].end].iter().collect();
                    match kind {
                        Kind::Deleted => assert_eq!(text, None, "{kind:?}"),
                        Kind::WordChanged => assert!(text.is_some_and(|t| t != original), "{kind:?}"),
                        _ => assert_eq!(text, want(&original), "{kind:?} passage {i}"),
                    }
                }
            }
        }
    }
}
