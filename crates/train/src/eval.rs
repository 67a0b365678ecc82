//! Scoring the engine against gold files: strict entity spans per type,
//! quotation spans and speakers, posts and alias groups. Used by
//! `marginalia eval` and by the tests that hold the quality bars.

use std::collections::{BTreeMap, HashSet};

use serde_json::Value;

use marginalia_core::analysis::{analyze, Analysis, EntityType};

/// Precision/recall counts.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Correct predictions.
    pub tp: usize,
    /// Wrong predictions.
    pub fp: usize,
    /// Missed gold items.
    pub fn_: usize,
}

impl Counts {
    /// Precision.
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Adds `o`'s counts to these.
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// Strict entity scores per type.
#[derive(Clone, Debug, Default)]
pub struct EntityScores {
    /// Per type.
    pub by_type: BTreeMap<EntityType, Counts>,
}

/// Whether an error is a wrong prediction or a missed gold name.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ErrorKind {
    /// Predicted, not in gold (with the predicted type).
    FalsePositive,
    /// In gold, not predicted (with the gold type).
    FalseNegative,
}

/// How often each `(kind, type, surface text)` error occurred: where the
/// tagger fails, for `marginalia eval`'s error table.
#[derive(Clone, Debug, Default)]
pub struct ErrorTable {
    /// Count per error.
    pub counts: BTreeMap<(ErrorKind, EntityType, String), usize>,
}

impl ErrorTable {
    /// Records the errors of one document (code point spans into `text`).
    pub fn add(&mut self, pred: &Analysis, gold: &[(EntityType, usize, usize)], text: &str, only: &[EntityType]) {
        let keep = |t: &EntityType| only.is_empty() || only.contains(t);
        let p = found_names(pred, only);
        let g: HashSet<(EntityType, usize, usize)> = gold.iter().filter(|e| keep(&e.0)).copied().collect();
        let chars: Vec<char> = text.chars().collect();
        let surface = |s: usize, e: usize| chars.get(s..e).map(|c| c.iter().collect::<String>()).unwrap_or_default();
        for x in p.difference(&g) {
            *self.counts.entry((ErrorKind::FalsePositive, x.0, surface(x.1, x.2))).or_default() += 1;
        }
        for x in g.difference(&p) {
            *self.counts.entry((ErrorKind::FalseNegative, x.0, surface(x.1, x.2))).or_default() += 1;
        }
    }

    /// The `n` most frequent errors of `kind`, most frequent first.
    pub fn top(&self, kind: ErrorKind, n: usize) -> Vec<(EntityType, &str, usize)> {
        let mut v: Vec<(EntityType, &str, usize)> =
            self.counts.iter().filter(|(k, _)| k.0 == kind).map(|(k, c)| (k.1, k.2.as_str(), *c)).collect();
        v.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(b.1)));
        v.truncate(n);
        v
    }
}

impl EntityScores {
    /// Micro-averaged counts over `types`.
    pub fn micro(&self, types: &[EntityType]) -> Counts {
        let mut c = Counts::default();
        for t in types {
            if let Some(x) = self.by_type.get(t) {
                c.add(*x);
            }
        }
        c
    }
}

/// PERSON, PLACE and ORG: the headline score.
pub const NAME_TYPES: [EntityType; 3] = [EntityType::Person, EntityType::Place, EntityType::Org];

/// Gold entities of a corpus document: `(type, start, end)` in code points.
pub fn gold_entities(doc: &Value) -> Vec<(EntityType, usize, usize)> {
    doc.get("entities")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|e| {
                    let t = EntityType::parse(e.get("type")?.as_str()?)?;
                    Some((t, e.get("start")?.as_u64()? as usize, e.get("end")?.as_u64()? as usize))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Scores predicted entities against gold, for the types in `only` (all
/// when empty).
pub fn score_entities(pred: &Analysis, gold: &[(EntityType, usize, usize)], only: &[EntityType], into: &mut EntityScores) {
    let keep = |t: &EntityType| only.is_empty() || only.contains(t);
    let p = found_names(pred, only);
    let g: HashSet<(EntityType, usize, usize)> = gold.iter().filter(|e| keep(&e.0)).copied().collect();
    for x in &p {
        let c = into.by_type.entry(x.0).or_default();
        if g.contains(x) {
            c.tp += 1;
        } else {
            c.fp += 1;
        }
    }
    for x in g.difference(&p) {
        into.by_type.entry(x.0).or_default().fn_ += 1;
    }
}

/// The names of `pred` of the types in `only` (all when empty), as
/// `(type, start, end)` in code points, the form gold names are read in.
pub fn found_names(pred: &Analysis, only: &[EntityType]) -> HashSet<(EntityType, usize, usize)> {
    pred.entities.iter().filter(|e| only.is_empty() || only.contains(&e.kind)).map(|e| (e.kind, e.range.start, e.range.end)).collect()
}

/// Names scored apart by whether a known gold name is written the same
/// (`seen`) or none is (`unseen`; a name found counts by its own text).
/// The known names are the training documents': a fold's on the folds,
/// CoNLL-2003 `train`'s on dev. A held-out set of later news holds more
/// unseen names than these, so the unseen figure says more of it than
/// the total does.
#[derive(Default)]
pub struct Novelty {
    known: HashSet<String>,
    /// Names whose text is known.
    pub seen: Counts,
    /// The others.
    pub unseen: Counts,
}

impl Novelty {
    /// An empty tally whose known names are the gold names of `docs`.
    pub fn new<'a>(docs: impl IntoIterator<Item = &'a Value>) -> Novelty {
        let names = docs.into_iter().flat_map(|d| d.get("entities").and_then(Value::as_array).into_iter().flatten());
        let known = names.filter_map(|e| e.get("text").and_then(Value::as_str)).map(str::to_string).collect();
        Novelty { known, ..Novelty::default() }
    }

    /// Counts one document's names `found` against its `gold` ones.
    pub fn add(&mut self, text: &str, gold: &[(EntityType, usize, usize)], found: &HashSet<(EntityType, usize, usize)>) {
        // Found and gold ranges count code points.
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        let seen = |&(_, s, e): &(EntityType, usize, usize)| bytes.get(s).zip(bytes.get(e)).is_some_and(|(&s, &e)| self.known.contains(&text[s..e]));
        let gold: HashSet<(EntityType, usize, usize)> = gold.iter().copied().collect();
        let mut tally = [Counts::default(); 2];
        for f in found {
            let c = &mut tally[usize::from(seen(f))];
            if gold.contains(f) {
                c.tp += 1;
            } else {
                c.fp += 1;
            }
        }
        for g in gold.difference(found) {
            tally[usize::from(seen(g))].fn_ += 1;
        }
        self.unseen.add(tally[0]);
        self.seen.add(tally[1]);
    }
}

/// Quotation scores.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuoteScores {
    /// Gold quotations.
    pub gold: usize,
    /// Gold quotations found with exactly their span.
    pub found: usize,
    /// Found gold quotations that have a speaker.
    pub with_speaker: usize,
    /// Of those, with the right speaker.
    pub speaker_right: usize,
    /// Predicted quotations in total.
    pub predicted: usize,
    /// `(right, total)` by the form of the gold source.
    pub by_kind: BTreeMap<SpeakerKind, (usize, usize)>,
    /// Wrong speakers by (gold form, predicted form; `None`: no speaker).
    pub confusions: BTreeMap<(SpeakerKind, Option<SpeakerKind>), usize>,
}

/// The form of a quotation's source as written, for the report by form
/// (issue 23: descriptions are where the held-out errors are).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpeakerKind {
    /// A proper name, of a person or an organisation (`Bernie Sanders`,
    /// `Sanders`, `Politifact`).
    Name,
    /// A pronoun (`he`, `they`).
    Pronoun,
    /// A description: a common noun phrase (`the Vermont senator`, `a
    /// spokesman for the campaign`, `officials`, `the report`).
    Description,
    /// No one is quoted (a gold quotation without a source); right when
    /// the engine names no speaker either.
    None,
}

impl SpeakerKind {
    /// Every form, in report order.
    pub const ALL: [SpeakerKind; 4] = [SpeakerKind::Name, SpeakerKind::Pronoun, SpeakerKind::Description, SpeakerKind::None];

    /// The form of the mention `written`: a pronoun by its word (a
    /// possessive alone too: PolNeAR marks `his` for `his response`); a
    /// description by its lower-case start, or a determiner followed by a
    /// lower-case word (`the senator`, `the Vermont senator`); else a
    /// name (`Sanders`, `The Washington Post`).
    pub fn of(written: &str) -> SpeakerKind {
        const PRONOUNS: &[&str] = &[
            "he", "she", "they", "i", "we", "it", "you", "him", "her", "them", "us", "me", "who", "which", "that", "his", "its", "their", "our", "my", "your",
        ];
        const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "their", "its", "this", "that", "another", "one", "some", "several", "two"];
        let w = written.trim().to_lowercase();
        let mut words = written.split_whitespace();
        let first = words.next().unwrap_or("");
        let lower_start = |x: &str| x.chars().next().is_some_and(char::is_lowercase);
        if PRONOUNS.contains(&w.as_str()) {
            SpeakerKind::Pronoun
        } else if lower_start(first) || (DETERMINERS.contains(&first.to_lowercase().as_str()) && words.any(lower_start)) {
            SpeakerKind::Description
        } else {
            SpeakerKind::Name
        }
    }

    /// Its name in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Name => "name",
            SpeakerKind::Pronoun => "pronoun",
            SpeakerKind::Description => "description",
            SpeakerKind::None => "none",
        }
    }
}

impl QuoteScores {
    /// Detection recall.
    pub fn recall(&self) -> f64 {
        self.found as f64 / self.gold.max(1) as f64
    }
    /// Speaker accuracy over found quotations with a gold speaker.
    pub fn speaker_accuracy(&self) -> f64 {
        self.speaker_right as f64 / self.with_speaker.max(1) as f64
    }
}

/// Scores quotations. A speaker is right when the predicted canonical name
/// equals the gold speaker, or the predicted mention overlaps the gold
/// speaker's span (corpora that mark the speaker as written, pronouns
/// included). A gold quotation without a source is right when no speaker
/// is predicted; it is counted by form only.
pub fn score_quotes(pred: &Analysis, doc: &Value, text: &str, into: &mut QuoteScores) {
    let Some(gold) = doc.get("quotes").and_then(Value::as_array) else { return };
    into.predicted += pred.quotes.len();
    let chars: Vec<char> = text.chars().collect();
    let written = |(s, e): (usize, usize)| -> Option<String> { chars.get(s..e).map(|c| c.iter().collect()) };
    let at = |q: &Value, key: &str| q.get(key).and_then(Value::as_u64).map(|x| x as usize);
    // With MARGINALIA_DEBUG set, each wrong speaker goes to stderr with
    // the quotation's surroundings (200 code points before, 120 after).
    let debug = std::env::var_os("MARGINALIA_DEBUG").is_some();
    let report = |line: String, (s, e): (usize, usize)| {
        let context = written((s.saturating_sub(200), (e + 120).min(chars.len()))).unwrap_or_default();
        eprintln!("{line}\n  {}\n", context.replace('\n', " | "));
    };
    for q in gold {
        let (Some(s), Some(e)) = (at(q, "start"), at(q, "end")) else { continue };
        into.gold += 1;
        let Some(p) = pred.quotes.iter().find(|p| p.range.start == s && p.range.end == e) else { continue };
        into.found += 1;
        let Some(gold_name) = q.get("speaker").and_then(Value::as_str) else {
            let tally = into.by_kind.entry(SpeakerKind::None).or_default();
            *tally = (tally.0 + usize::from(p.speaker.is_none()), tally.1 + 1);
            if debug && p.speaker.is_some() {
                report(format!("NONE pred={:?}", p.speaker.as_ref().map(|sp| &sp.name)), (s, e));
            }
            continue;
        };
        into.with_speaker += 1;
        let marked = at(q, "speaker_start").zip(at(q, "speaker_end"));
        let gold_kind = SpeakerKind::of(&marked.and_then(written).unwrap_or_else(|| gold_name.to_string()));
        into.by_kind.entry(gold_kind).or_default().1 += 1;
        let predicted = p.speaker.as_ref().map(|sp| (sp, written((sp.mention.start, sp.mention.end)).unwrap_or_default()));
        let right = predicted.as_ref().is_some_and(|(sp, m)| {
            marginalia_core::analysis::quotes::same_speaker(&sp.name, m, (sp.mention.start, sp.mention.end), gold_name, marked)
        });
        if right {
            into.speaker_right += 1;
            into.by_kind.entry(gold_kind).or_default().0 += 1;
            continue;
        }
        *into.confusions.entry((gold_kind, predicted.as_ref().map(|(_, m)| SpeakerKind::of(m)))).or_default() += 1;
        if debug {
            let said = predicted.as_ref().map(|(sp, m)| format!("pred={:?} mention={m:?} cue={:?}", sp.name, p.cue));
            report(format!("SPEAKER gold={gold_name:?} ({}) {}", gold_kind.as_str(), said.unwrap_or_else(|| "no speaker".into())), (s, e));
        }
    }
}

/// Scores of the sample article against its gold file.
#[derive(Clone, Debug, Default)]
pub struct SeedScores {
    /// Entities.
    pub entities: EntityScores,
    /// Quotations.
    pub quotes: QuoteScores,
    /// Posts found with span, author, handle and date right.
    pub posts_right: usize,
    /// Gold posts.
    pub posts_gold: usize,
    /// Alias groups whose mentions are all in one predicted group.
    pub aliases_right: usize,
    /// Gold alias groups.
    pub aliases_gold: usize,
    /// What went wrong, for the report.
    pub mistakes: Vec<String>,
}

/// Scores the sample article.
pub fn score_seed(text: &str, gold: &Value) -> SeedScores {
    let a = analyze(text);
    let mut s = SeedScores::default();
    let mut g = gold_entities(gold);
    // Media placeholders are listed apart in the gold file.
    if let Some(media) = gold.get("media").and_then(Value::as_array) {
        for m in media {
            if let (Some(st), Some(en)) = (m.get("start").and_then(Value::as_u64), m.get("end").and_then(Value::as_u64)) {
                g.push((EntityType::Media, st as usize, en as usize));
            }
        }
    }
    score_entities(&a, &g, &[], &mut s.entities);
    for e in &a.entities {
        if NAME_TYPES.contains(&e.kind) && !g.contains(&(e.kind, e.range.start, e.range.end)) {
            s.mistakes.push(format!("extra {} “{}” at {}", e.kind.as_str(), e.text, e.range.start));
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for (t, st, en) in &g {
        if NAME_TYPES.contains(t) && !a.entities.iter().any(|e| (e.kind, e.range.start, e.range.end) == (*t, *st, *en)) {
            let txt: String = chars[*st..*en].iter().collect();
            s.mistakes.push(format!("missed {} “{txt}” at {st}", t.as_str()));
        }
    }
    score_quotes(&a, gold, text, &mut s.quotes);
    if let Some(posts) = gold.get("posts").and_then(Value::as_array) {
        for p in posts {
            s.posts_gold += 1;
            let ok = a.posts.iter().any(|x| {
                Some(x.range.start as u64) == p.get("start").and_then(Value::as_u64)
                    && Some(x.range.end as u64) == p.get("end").and_then(Value::as_u64)
                    && Some(x.author.as_str()) == p.get("author").and_then(Value::as_str)
                    && Some(x.handle.as_str()) == p.get("handle").and_then(Value::as_str)
                    && Some(x.date.as_str()) == p.get("date").and_then(Value::as_str)
            });
            s.posts_right += usize::from(ok);
        }
    }
    if let Some(aliases) = gold.get("aliases").and_then(Value::as_array) {
        for set in aliases {
            let names: Vec<&str> = set.as_array().map(|v| v.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            s.aliases_gold += 1;
            let mut groups = HashSet::new();
            let mut all_found = true;
            for n in &names {
                let found: Vec<Option<usize>> = a.entities.iter().filter(|e| e.text == *n).map(|e| e.group).collect();
                if found.is_empty() {
                    all_found = false;
                }
                groups.extend(found);
            }
            if all_found && groups.len() == 1 && !groups.contains(&None) {
                s.aliases_right += 1;
            } else {
                s.mistakes.push(format!("alias group {names:?} split or missing"));
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::{Counts, EntityType, HashSet, Novelty, SpeakerKind};

    /// A name counts as seen when a known gold name is written the
    /// same, whatever its type; a name found
    /// counts by its own text, so a wrong one is unseen when its words are.
    #[test]
    fn names_are_scored_apart_by_whether_training_saw_them() {
        let docs: Vec<serde_json::Value> = ["Alice met Bob in Paris", "Alice went to Lyon"]
            .iter()
            .map(|t| serde_json::json!({"text": t, "entities": [{"type": "PERSON", "start": 0, "end": 5, "text": "Alice"}]}))
            .collect();
        let mut novelty = Novelty::new(&docs[..1]);
        // Held out: "Alice went to Lyon" (Alice seen; Lyon not). Found:
        // Alice right, Lyon wrongly a person; gold also has Lyon a place.
        let gold = [(EntityType::Person, 0, 5), (EntityType::Place, 14, 18)];
        let found: HashSet<(EntityType, usize, usize)> = [(EntityType::Person, 0, 5), (EntityType::Person, 14, 18)].into_iter().collect();
        novelty.add("Alice went to Lyon", &gold, &found);
        let c = |tp, fp, fn_| Counts { tp, fp, fn_ };
        assert_eq!((novelty.seen, novelty.unseen), (c(1, 0, 0), c(0, 1, 1)));
    }

    #[test]
    fn source_forms() {
        let cases = [
            ("Bernie Sanders", SpeakerKind::Name),
            ("The Washington Post", SpeakerKind::Name),
            ("he", SpeakerKind::Pronoun),
            ("his", SpeakerKind::Pronoun),
            ("the Vermont senator", SpeakerKind::Description),
            ("A spokesman for the campaign", SpeakerKind::Description),
            ("officials", SpeakerKind::Description),
            ("One operative inside Trump Tower", SpeakerKind::Description),
        ];
        for (written, form) in cases {
            assert_eq!(SpeakerKind::of(written), form, "{written}");
        }
    }
}
