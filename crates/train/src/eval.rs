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
    fn add(&mut self, o: Counts) {
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
        let p: HashSet<(EntityType, usize, usize)> = pred.entities.iter().filter(|e| keep(&e.kind)).map(|e| (e.kind, e.range.start, e.range.end)).collect();
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
    let p: HashSet<(EntityType, usize, usize)> = pred.entities.iter().filter(|e| keep(&e.kind)).map(|e| (e.kind, e.range.start, e.range.end)).collect();
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
    /// `(right, total)` by the kind of gold speaker.
    pub by_kind: BTreeMap<SpeakerKind, (usize, usize)>,
    /// Wrong speakers by (gold kind, predicted kind; `None`: no speaker).
    pub confusions: BTreeMap<(SpeakerKind, Option<SpeakerKind>), usize>,
}

/// The kind of a speaker mention, for the report by kind.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpeakerKind {
    /// A person's name (`Bernie Sanders`, `Sanders`).
    Name,
    /// A pronoun (`he`, `they`).
    Pronoun,
    /// A common noun phrase (`the Vermont senator`, `a spokesman`).
    NounPhrase,
    /// An organisation (`the Clinton campaign` when tagged ORG, `Politifact`).
    Organisation,
}

impl SpeakerKind {
    /// Every kind, in report order.
    pub const ALL: [SpeakerKind; 4] = [SpeakerKind::Name, SpeakerKind::Pronoun, SpeakerKind::NounPhrase, SpeakerKind::Organisation];

    /// The kind of the mention `written` at code points `span`: a
    /// pronoun by its word, a noun phrase by its lower-case or determiner
    /// start, an organisation when an ORG name overlaps it.
    pub fn of(written: &str, span: (usize, usize), pred: &Analysis) -> SpeakerKind {
        const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "it", "you", "him", "her", "them", "us", "me", "who", "which", "that"];
        const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "their", "its", "this", "that", "another", "one", "some", "several", "two"];
        let w = written.trim().to_lowercase();
        let first = w.split_whitespace().next().unwrap_or("");
        let org = pred.entities.iter().any(|e| e.kind == EntityType::Org && e.range.start < span.1 && span.0 < e.range.end);
        if PRONOUNS.contains(&w.as_str()) {
            SpeakerKind::Pronoun
        } else if org {
            SpeakerKind::Organisation
        } else if DETERMINERS.contains(&first) || written.trim().chars().next().is_some_and(char::is_lowercase) {
            SpeakerKind::NounPhrase
        } else {
            SpeakerKind::Name
        }
    }

    /// Its name in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Name => "name",
            SpeakerKind::Pronoun => "pronoun",
            SpeakerKind::NounPhrase => "noun phrase",
            SpeakerKind::Organisation => "organisation",
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
/// included).
pub fn score_quotes(pred: &Analysis, doc: &Value, text: &str, into: &mut QuoteScores) {
    let Some(gold) = doc.get("quotes").and_then(Value::as_array) else { return };
    into.predicted += pred.quotes.len();
    let chars: Vec<char> = text.chars().collect();
    for q in gold {
        let (Some(s), Some(e)) = (q.get("start").and_then(Value::as_u64), q.get("end").and_then(Value::as_u64)) else { continue };
        into.gold += 1;
        let Some(p) = pred.quotes.iter().find(|p| p.range.start == s as usize && p.range.end == e as usize) else { continue };
        into.found += 1;
        let gold_name = q.get("speaker").and_then(Value::as_str);
        let Some(gold_name) = gold_name else { continue };
        into.with_speaker += 1;
        let gold_span = match (q.get("speaker_start").and_then(Value::as_u64), q.get("speaker_end").and_then(Value::as_u64)) {
            (Some(gs), Some(ge)) => (gs as usize, ge as usize),
            _ => (0, 0),
        };
        let gold_written: String = chars.get(gold_span.0..gold_span.1).map(|c| c.iter().collect()).unwrap_or_else(|| gold_name.to_string());
        let gold_kind = SpeakerKind::of(&gold_written, gold_span, pred);
        let tally = into.by_kind.entry(gold_kind).or_default();
        tally.1 += 1;
        let Some(sp) = &p.speaker else {
            *into.confusions.entry((gold_kind, None)).or_default() += 1;
            if std::env::var_os("MARGINALIA_DEBUG").is_some() {
                let ctx_start = s.saturating_sub(200) as usize;
                let ctx: String = chars[ctx_start..(e as usize + 120).min(chars.len())].iter().collect();
                eprintln!("NOSPEAKER gold={gold_name:?}\n  {}\n", ctx.replace('\n', " | "));
            }
            continue;
        };
        let m: String = chars.get(sp.mention.start..sp.mention.end).map(|c| c.iter().collect()).unwrap_or_default();
        let marked = match (q.get("speaker_start").and_then(Value::as_u64), q.get("speaker_end").and_then(Value::as_u64)) {
            (Some(gs), Some(ge)) => Some((gs as usize, ge as usize)),
            _ => None,
        };
        if marginalia_core::analysis::quotes::same_speaker(&sp.name, &m, (sp.mention.start, sp.mention.end), gold_name, marked) {
            into.speaker_right += 1;
            into.by_kind.entry(gold_kind).or_default().0 += 1;
            continue;
        }
        *into.confusions.entry((gold_kind, Some(SpeakerKind::of(&m, (sp.mention.start, sp.mention.end), pred)))).or_default() += 1;
        if std::env::var_os("MARGINALIA_DEBUG").is_some() {
            let ctx_start = s.saturating_sub(200) as usize;
            let ctx: String = chars[ctx_start..(e as usize + 120).min(chars.len())].iter().collect();
            eprintln!("SPEAKER gold={gold_name:?} pred={:?} mention={m:?} cue={:?}\n  {}\n", sp.name, p.cue, ctx.replace('\n', " | "));
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
