//! The analysis engine: what an article contains, computed in the browser
//! (and by the `marginalia` command-line tool, from the same code).
//!
//! [`analyze`] finds, in canonical article text:
//! - **entities**: PERSON, PLACE, ORG, MISC (a learned tagger, [`tagger`],
//!   with gazetteer features and the conventions of [`names`]); DATE and
//!   QUANTITY ([`patterns`]); HANDLE, HASHTAG, URL, EMAIL and MEDIA
//!   placeholders ([`token`]);
//! - **groups**: the mentions of one entity under a canonical name
//!   ([`groups`]);
//! - **quotations** with their speaker and cue ([`quotes`]);
//! - **embedded posts** with author, handle and date (from the article
//!   layout's attribution lines).
//!
//! All offsets in the results are Unicode code points ([`CharRange`]).

pub mod calendar;
pub mod clusters;
pub mod features;
mod front_coding;
pub mod gazetteer;
pub mod groups;
pub mod history;
pub mod known;
pub mod labels;
pub mod model_file;
pub mod names;
pub mod patterns;
pub mod quotes;
pub mod tagger;
pub mod token;
pub mod words;
pub mod worker;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::text::layout::{BlockKind, Layout};
use crate::text::{ByteRange, CharRange, IndexedText};
use features::DocContext;
use tagger::{NameTagger, NameType, PerceptronTagger};
use token::Kind;

/// Entity types.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// People.
    Person,
    /// Countries, cities, regions.
    Place,
    /// Organisations.
    Org,
    /// Nationalities, groups, events, agreements.
    Misc,
    /// Days, dates, years, spans of days or longer.
    Date,
    /// Amounts with units, counts, money, percentages.
    Quantity,
    /// `@handles`.
    Handle,
    /// `#hashtags`.
    Hashtag,
    /// Web addresses.
    Url,
    /// E-mail addresses.
    Email,
    /// Media placeholders such as `{image_1}`.
    Media,
}

impl EntityType {
    /// Every type, in display order.
    pub const ALL: [EntityType; 11] = [
        EntityType::Person,
        EntityType::Place,
        EntityType::Org,
        EntityType::Misc,
        EntityType::Date,
        EntityType::Quantity,
        EntityType::Handle,
        EntityType::Hashtag,
        EntityType::Url,
        EntityType::Email,
        EntityType::Media,
    ];

    /// The type's name as in the corpus files and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Place => "PLACE",
            EntityType::Org => "ORG",
            EntityType::Misc => "MISC",
            EntityType::Date => "DATE",
            EntityType::Quantity => "QUANTITY",
            EntityType::Handle => "HANDLE",
            EntityType::Hashtag => "HASHTAG",
            EntityType::Url => "URL",
            EntityType::Email => "EMAIL",
            EntityType::Media => "MEDIA",
        }
    }

    /// Parses a type name.
    pub fn parse(s: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    fn of_name(n: NameType) -> EntityType {
        match n {
            NameType::Person => EntityType::Person,
            NameType::Place => EntityType::Place,
            NameType::Org => EntityType::Org,
            NameType::Misc => EntityType::Misc,
        }
    }
}

/// An entity mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Its type.
    pub kind: EntityType,
    /// Where it is (code points).
    pub range: CharRange,
    /// Where it is (UTF-8 bytes).
    pub bytes: ByteRange,
    /// Its text.
    pub text: String,
    /// Index of its group in [`Analysis::groups`].
    pub group: Option<usize>,
}

/// The mentions of one entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// The type of the entity.
    pub kind: EntityType,
    /// Its canonical name.
    pub canonical: String,
    /// Indices into [`Analysis::entities`], in text order.
    pub mentions: Vec<usize>,
}

/// Who is quoted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// Canonical name (a group's canonical name when resolved).
    pub name: String,
    /// The mention as written (a name, pronoun or phrase).
    pub mention: CharRange,
    /// The speaker's group, when resolved to an entity.
    pub group: Option<usize>,
}

/// A direct quotation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quotation {
    /// The text between the marks (code points).
    pub range: CharRange,
    /// That text.
    pub text: String,
    /// Who said it, if the text says.
    pub speaker: Option<Speaker>,
    /// The speech cue (`said`, `tweeted`…), if any.
    pub cue: Option<String>,
    /// A single-quoted scare quote.
    pub scare: bool,
}

/// An embedded social post.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Post {
    /// Body and attribution line (code points).
    pub range: CharRange,
    /// The body alone.
    pub body: CharRange,
    /// Author's name without titles.
    pub author: String,
    /// `@handle`.
    pub handle: String,
    /// Date as written.
    pub date: String,
    /// The author's entity group.
    pub group: Option<usize>,
}

/// Everything found in a text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Entity mentions in text order.
    pub entities: Vec<Entity>,
    /// Entity groups.
    pub groups: Vec<Group>,
    /// Quotations in text order.
    pub quotes: Vec<Quotation>,
    /// Embedded posts in text order.
    pub posts: Vec<Post>,
}

/// Analyses canonical `text`.
pub fn analyze(text: &str) -> Analysis {
    let indexed = IndexedText::new(text.to_string());
    analyze_indexed(&indexed)
}

/// The steps that build the tables the analysis loads on first use: the
/// tagger's model, the word clusters, the gazetteer, the speaker model, and
/// last a short article that reaches every stage (`WARM_UP_TEXT`). The
/// analysis worker runs them as it starts, off the page's thread, and times
/// each (`static/analysis-worker.js`).
pub const WARM_UP: [fn(); 5] = [
    || {
        tagger::shipped_model();
    },
    clusters::warm_up,
    gazetteer::warm_up,
    quotes::warm_up,
    || drop(analyze(WARM_UP_TEXT)),
];

/// The warm-up's article: made up, short, and written to reach each stage
/// in the forms news uses (a dateline, titles and roles, organisations and
/// acronyms, dates, amounts and percentages, a link, handles, an embedded
/// post, quotations said before and after, by a name, a pronoun and a
/// description). A browser compiles a function of the worker's wasm when
/// it is first called (and in its fast tier once it is called often), so
/// a stage the warm-up does not reach is compiled during the reader's
/// first analysis instead.
const WARM_UP_TEXT: &str = "Warm-up\n\
Lisbon, Portugal (Wire): The European Commission said on Tuesday, March 3, 2021, that 12 percent of the 4.5 million doses had arrived, \
and officials at the WHO in Geneva expected $2 billion more by next week.\n\
\"We are working as fast as we can,\" said Maria Lopes, a spokeswoman for the agency. She added: \"Every day matters.\"\n\
Prime Minister Ada Lovelace told reporters in London that the plan was \"on track\", according to a statement from Downing Street.\n\
The ministry's report, published at https://example.org/report, was shared by @HealthDesk on Twitter.\n\
Thanks to every nurse working tonight. We see you.\n\
— Health Desk (@HealthDesk) March 3, 2021\n\
A spokesman for the campaign said Lovelace would not comment. \"It is too early,\" he said.";

/// Runs every [`WARM_UP`] step now.
pub fn warm_up() {
    WARM_UP.iter().for_each(|step| step());
}

/// Converts byte ranges to code point ranges (valid token boundaries).
fn chars_of(indexed: &IndexedText, b: ByteRange) -> CharRange {
    indexed.char_range(b).unwrap_or_default()
}

/// Analyses an already indexed text (the app keeps one per document).
pub fn analyze_indexed(indexed: &IndexedText) -> Analysis {
    analyze_indexed_except(indexed, &[])
}

/// Analyses a document with what its web page said: the people of its
/// byline are people wherever the text names them ([`known`]).
pub fn analyze_document(doc: &crate::model::Document) -> Analysis {
    let people = doc.page.as_ref().and_then(|p| p.meta.byline.as_deref()).map(known::byline_people).unwrap_or_default();
    analyze_with(&doc.indexed, &[], &people, quotes::shipped_speaker_model())
}

/// Analyses canonical `text` with `speakers` choosing the speakers instead
/// of the shipped model (cross-validating the ranker: `marginalia train
/// --speakers --folds K` scores each fold's articles with the model
/// trained on the others).
pub fn analyze_with_speaker_model(text: &str, speakers: &quotes::SpeakerModel) -> Analysis {
    analyze_with(&IndexedText::new(text.to_string()), &[], &[], Some(speakers))
}

/// Analyses canonical `text` with `names` tagging names instead of the
/// shipped models (cross-validating the tagger: `marginalia train --folds
/// K` scores each fold's articles, conventions included, with the models
/// trained on the others), without the naming rules in `skip` (what each
/// rule is worth on the folds: `train --folds K --rules`).
pub fn analyze_with_tagger(text: &str, names: &PerceptronTagger, skip: &[&str]) -> Analysis {
    let indexed = IndexedText::new(text.to_string());
    let named = named_by(&indexed, skip, &[], Some(names));
    attributed(&indexed, named, quotes::shipped_speaker_model())
}

/// The tagger's names before the conventions of [`names`], by `by` or the
/// shipped models.
fn tagged(text: &str, tokens: &[token::Token], by: Option<&PerceptronTagger>) -> Vec<tagger::NameSpan> {
    let ctx = DocContext::new(text, tokens);
    match by {
        Some(t) => t.tag(&ctx),
        None => PerceptronTagger::shipped().map_or_else(Vec::new, |t| t.tag(&ctx)),
    }
}

/// For each rule of [`names::RULES`], how many names it added, removed or
/// changed in `text` (for `marginalia eval --rules`).
pub fn rule_changes(text: &str) -> Vec<usize> {
    let tokens = token::tokenize(text);
    let mut spans = tagged(text, &tokens, None);
    let doc = names::Doc { text, tokens: &tokens };
    names::RULES
        .iter()
        .map(|rule| {
            let before = spans.clone();
            spans = (rule.apply)(&doc, std::mem::take(&mut spans));
            crate::order::sort_by_key(&mut spans, |s| s.first);
            spans.iter().filter(|s| !before.contains(s)).count() + before.iter().filter(|s| !spans.contains(s)).count()
        })
        .collect()
}

/// Entity spans as `(type, first token, last token)`: names first, then
/// special tokens (handles, links…) and dates and quantities where no name
/// is.
fn entity_spans(text: &str, tokens: &[token::Token], lower: &[String], names: &[tagger::NameSpan]) -> Vec<(EntityType, usize, usize)> {
    let mut taken = vec![false; tokens.len()];
    let mut spans: Vec<(EntityType, usize, usize)> = Vec::new();
    for n in names {
        taken[n.first..=n.last].iter_mut().for_each(|t| *t = true);
        spans.push((EntityType::of_name(n.kind), n.first, n.last));
    }
    for (i, t) in tokens.iter().enumerate() {
        let kind = match t.kind {
            Kind::Handle => EntityType::Handle,
            Kind::Hashtag => EntityType::Hashtag,
            Kind::Url => EntityType::Url,
            Kind::Email => EntityType::Email,
            Kind::Media => EntityType::Media,
            _ => continue,
        };
        if !taken[i] {
            taken[i] = true;
            spans.push((kind, i, i));
        }
    }
    for p in patterns::find(text, tokens, lower, &taken) {
        let kind = match p.kind {
            patterns::PatternKind::Date => EntityType::Date,
            patterns::PatternKind::Quantity => EntityType::Quantity,
        };
        spans.push((kind, p.first, p.last));
    }
    spans
}

/// What the stages before quotations produce: tokens, entities (with
/// groups) and posts.
struct Named {
    tokens: Vec<token::Token>,
    lower: Vec<String>,
    entities: Vec<Entity>,
    groups: Vec<Group>,
    posts: Vec<Post>,
}

/// [`analyze_indexed`] without the naming rules named in `skip` (for
/// measuring what each rule is worth).
pub fn analyze_indexed_except(indexed: &IndexedText, skip: &[&str]) -> Analysis {
    analyze_with(indexed, skip, &[], quotes::shipped_speaker_model())
}

/// The analysis, without the naming rules in `skip`, with `people` known,
/// speakers chosen by `speakers` (the rules alone when `None`).
pub(crate) fn analyze_with(indexed: &IndexedText, skip: &[&str], people: &[String], speakers: Option<&quotes::SpeakerModel>) -> Analysis {
    attributed(indexed, named_by(indexed, skip, people, None), speakers)
}

/// The analysis once names are found: quotations and their speakers.
fn attributed(indexed: &IndexedText, named: Named, speakers: Option<&quotes::SpeakerModel>) -> Analysis {
    let text = indexed.as_str();
    let Named { tokens, lower, entities, groups, posts } = named;
    let marked = quotes::find_marked(text);
    let attributions = quotes::attribute(text, &tokens, &lower, &marked, &entities, &groups, speakers);
    let quotes = marked
        .iter()
        .zip(attributions)
        .map(|(m, a)| Quotation {
            range: chars_of(indexed, m.inner),
            text: text[m.inner.start..m.inner.end].to_string(),
            speaker: a.as_ref().map(|a| Speaker { name: a.name.clone(), mention: chars_of(indexed, a.mention), group: a.group }),
            cue: a.and_then(|a| a.cue),
            scare: quotes::is_scare(text, m),
        })
        .collect();
    Analysis { entities, groups, quotes, posts }
}

/// Speaker-ranker training examples of one document (for `marginalia
/// train --speakers`): its quotations as found, scored against `gold`.
pub fn speaker_examples(text: &str, gold: &[quotes::GoldQuote]) -> Vec<quotes::SpeakerExample> {
    let indexed = IndexedText::new(text.to_string());
    let Named { tokens, lower, entities, groups, .. } = named_by(&indexed, &[], &[], None);
    let marked = quotes::find_marked(text);
    quotes::speaker_examples(text, &tokens, &lower, &marked, &entities, &groups, gold)
}

/// Tokens, names (tagged by `by`, or the shipped models), dates and
/// quantities, alias groups and posts.
fn named_by(indexed: &IndexedText, skip: &[&str], people: &[String], by: Option<&PerceptronTagger>) -> Named {
    let text = indexed.as_str();
    let tokens = token::tokenize(text);
    let lower: Vec<String> = tokens.iter().map(|t| t.text(text).to_lowercase()).collect();
    let names = names::post_process_except(text, &tokens, tagged(text, &tokens, by), skip);
    let names = if people.is_empty() { names } else { known::mark_people(text, &tokens, names, people) };

    let mut spans = entity_spans(text, &tokens, &lower, &names);
    crate::order::sort_by_key(&mut spans, |&(_, f, _)| f);
    let mut entities: Vec<Entity> = spans
        .into_iter()
        .map(|(kind, f, l)| {
            let bytes = ByteRange::new(tokens[f].start, tokens[l].end);
            Entity { kind, range: chars_of(indexed, bytes), bytes, text: text[bytes.start..bytes.end].to_string(), group: None }
        })
        .collect();

    // Posts from the layout's attribution lines.
    let layout = Layout::of(text);
    let mut author_of: HashMap<ByteRange, String> = HashMap::new();
    let mut raw_posts = Vec::new();
    for block in &layout.blocks {
        if let BlockKind::Post(p) = &block.kind {
            let author = names::strip_titles(&p.meta.author).to_string();
            if let Some(h) = indexed.byte_range(p.meta.handle_range) {
                author_of.insert(h, author.clone());
            }
            raw_posts.push((block.range, p.body, author, p.meta.handle.clone(), p.meta.date.clone()));
        }
    }
    let groups = groups::assign(&mut entities, &author_of);
    let posts = raw_posts
        .into_iter()
        .map(|(range, body, author, handle, date)| {
            let group = entities
                .iter()
                .find(|e| e.kind == EntityType::Handle && e.text == handle && e.range.start >= body.end && e.range.end <= range.end)
                .and_then(|e| e.group);
            Post { range, body, author, handle, date, group }
        })
        .collect();

    Named { tokens, lower, entities, groups, posts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The warm-up reaches every stage: each kind of entity but MISC (the
    /// tagger's own type, reached with the others), quotations with a
    /// speaker named, described and referred to, and an embedded post.
    #[test]
    fn the_warm_up_reaches_every_stage() {
        let a = analyze(WARM_UP_TEXT);
        use EntityType::*;
        for kind in [Person, Place, Org, Date, Quantity, Handle, Url] {
            assert!(a.entities.iter().any(|e| e.kind == kind), "no {kind:?} in the warm-up");
        }
        assert!(a.quotes.len() >= 4 && a.quotes.iter().all(|q| q.speaker.is_some()), "{:?}", a.quotes);
        assert_eq!(a.posts.len(), 1);
    }

    /// The tagger given to `analyze_with_tagger` is the one used: given
    /// the shipped models, the same analysis as `analyze`; given no
    /// second pass, the first pass's names (what `train --folds` relies on).
    #[test]
    fn a_given_tagger_is_the_one_used() {
        let text = crate::sample::SAMPLE_ARTICLE;
        let shipped = PerceptronTagger::shipped().expect("shipped models");
        assert_eq!(analyze_with_tagger(text, &shipped, &[]), analyze(text));
        let models = tagger::shipped_models().expect("shipped models");
        let first_only = PerceptronTagger::new(&models.first, None);
        let tokens = token::tokenize(text);
        let ctx = DocContext::new(text, &tokens);
        assert_eq!(tagged(text, &tokens, Some(&first_only)), first_only.tag(&ctx));
    }

    /// A pronoun's contraction is no name (it was: `I’m` an organisation
    /// 98 times in PolNeAR's training articles, `We’re` a person), with
    /// either apostrophe, opening a quotation or a sentence.
    #[test]
    fn contractions_are_no_names() {
        let text = "“I’m not sure,” Jane Smith said. I've seen it. “We’re here, and I’ll stay,” she said. You’ve won. I’d go.";
        let a = analyze(text);
        let names: Vec<&str> = a.entities.iter().filter(|e| matches!(e.kind, EntityType::Person | EntityType::Place | EntityType::Org | EntityType::Misc)).map(|e| e.text.as_str()).collect();
        assert_eq!(names, ["Jane Smith"], "{:?}", a.entities);
    }

    /// `(text, quotation, speaker, cue)` for each attribution pattern.
    #[test]
    fn speaker_table() {
        let cases: &[(&str, &str, Option<&str>, Option<&str>)] = &[
            ("\"We will win,\" Jane Smith said.", "We will win,", Some("Jane Smith"), Some("said")),
            ("\"We will win,\" said Jane Smith.", "We will win,", Some("Jane Smith"), Some("said")),
            ("Jane Smith said, \"We will win.\"", "We will win.", Some("Jane Smith"), Some("said")),
            ("Ukraine's Foreign Minister Dmytro Kuleba said: “We are ready.”", "We are ready.", Some("Dmytro Kuleba"), Some("said")),
            ("Mayor Ann Lee told reporters the plan was “dead on arrival” on Monday.", "dead on arrival", Some("Ann Lee"), Some("told")),
            ("“Go back to Univision,” Trump barked.", "Go back to Univision,", Some("Trump"), Some("barked")),
            ("Officials were cautious. “Nothing is decided,” the ministry spokesman said.", "Nothing is decided,", Some("the ministry spokesman"), Some("said")),
            ("John Carter spoke first. “It was hard,” he said.", "It was hard,", Some("John Carter"), Some("said")),
            ("They hoped to 'cool down' the crisis.", "cool down", None, None),
            ("“Promise,” Mary Blige sings to Clinton before asking her, “Where do we go?”", "Where do we go?", Some("Mary Blige"), Some("asking")),
            ("“Good news” — Ann Lee", "Good news", Some("Ann Lee"), None),
            // A participle right after the quotation shares the sentence's subject.
            ("in brief\nJane Smith defended “New York values,” saying the city was brave.", "New York values,", Some("Jane Smith"), Some("saying")),
            // A role phrase opening the sentence is the subject of a participle.
            ("in brief\nThe retired neurosurgeon has given no details, saying only that he was “refining some practices.”", "refining some practices.", Some("The retired neurosurgeon"), Some("saying")),
            // Inverted cue after a long clause; a subordinate word in between does not block it.
            ("in brief\n“He can assert it” that Sanders can catch Clinton, said Steve Elmendorf, a strategist.", "He can assert it", Some("Steve Elmendorf"), Some("said")),
            // The inverted subject may be a determiner phrase with numbers.
            ("in brief\n“Donald is an amazing leader,” said the 46-year-old.", "Donald is an amazing leader,", Some("the 46-year-old"), Some("said")),
            // A short sentence after a quotation that ended its own sentence.
            ("in brief\n“Russia, if you are listening, find the emails.” Jane Smith said.", "Russia, if you are listening, find the emails.", Some("Jane Smith"), Some("said")),
            // A relative or participle clause between subject and cue holds no subject.
            ("in brief\nAnn Lee, who has endorsed Clinton, said Sanders was “more aggressive” now.", "more aggressive", Some("Ann Lee"), Some("said")),
            // A closing mark after “?” does not start a new sentence; titles after an inverted cue are skipped.
            ("in brief\n“Why are you still here?” asked Sen. Bob Casey.", "Why are you still here?", Some("Bob Casey"), Some("asked")),
            // "so-called" is not a cue.
            ("in brief\nAnn Lee mocked the so-called “experts” on Monday.", "experts", Some("Ann Lee"), None),
            // A dateline is not the subject.
            ("in brief\nWASHINGTON (AFP) – Democrat Ann Lee has taken a swipe at the plan, saying that “bombastic comments” do harm.", "bombastic comments", Some("Ann Lee"), Some("saying")),
            // A pronoun opening a sentence continues the previous sentence's subject, not its last person.
            ("in brief\nXi Jinping later met business leaders, including Tesla's Elon Musk. “China never bets against America,” he said.", "China never bets against America,", Some("Xi Jinping"), Some("said")),
            // A pronoun skips the person a "whom" clause is about. The
            // ranker shows her by the name whose clause reports the
            // quotation, with that clause's cue (`quotes/ranker.rs`,
            // `shown`).
            ("in brief\nJane Smith said the true nature of Tom Brown, whom she called a “con artist,” was clear.", "con artist,", Some("Jane Smith"), Some("said")),
        ];
        for (text, quote, speaker, cue) in cases {
            let a = analyze(text);
            let q = a.quotes.iter().find(|q| q.text == *quote).unwrap_or_else(|| panic!("no quotation {quote:?} in {text:?}: {:?}", a.quotes));
            assert_eq!(q.speaker.as_ref().map(|s| s.name.as_str()), *speaker, "{text}");
            assert_eq!(q.cue.as_deref(), *cue, "{text}");
        }
    }

    #[test]
    fn statement_read_resolves_to_its_author() {
        let text = "Secretary of State Antony Blinken, in a statement, said the embassy would stay open.\n\"We urge calm,\" the statement read.";
        let a = analyze(text);
        let sp = a.quotes[0].speaker.as_ref().expect("speaker");
        assert_eq!(sp.name, "Antony Blinken");
        let mention: String = text.chars().skip(sp.mention.start).take(sp.mention.len()).collect();
        assert_eq!(mention, "the statement");
    }

    #[test]
    fn name_conventions_table() {
        // (text, expected (type, text) of names)
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("Secretary of State Antony Blinken met President Joe Biden.", &[("PERSON", "Antony Blinken"), ("PERSON", "Joe Biden")]),
            ("The talks on the Minsk agreement failed.", &[("MISC", "Minsk agreement")]),
            ("Troops gathered in the eastern Donbas region.", &[("PLACE", "Donbas")]),
            ("The Ukraine-Belarus border is closed.", &[("PLACE", "Ukraine"), ("PLACE", "Belarus")]),
            ("KYIV, Ukraine (JEN): Talks resumed.", &[("PLACE", "KYIV"), ("PLACE", "Ukraine"), ("ORG", "JEN")]),
            ("He visited the US Embassy in Kyiv.", &[("ORG", "US Embassy"), ("PLACE", "Kyiv")]),
            // A name never runs across a full stop; "According" opening a sentence is no name.
            ("in brief\nThey discussed the war between Israel and Hamas. According to an official, talks went well.", &[("PLACE", "Israel"), ("ORG", "Hamas")]),
            // A name never runs across a dash; a street is a place.
            ("in brief\nSAN FRANCISCO — Apple Inc. agreed to pay, Downing Street said.", &[("PLACE", "SAN FRANCISCO"), ("ORG", "Apple Inc."), ("PLACE", "Downing Street")]),
            // A party and state tag is not a person; an opener is not a name.
            ("in brief\nSen. Claire McCaskill (D-Mo.) spoke. Instead, she left.", &[("PERSON", "Claire McCaskill")]),
        ];
        for (text, want) in cases {
            let got: Vec<(&str, String)> = analyze(text)
                .entities
                .iter()
                .filter(|e| matches!(e.kind, EntityType::Person | EntityType::Place | EntityType::Org | EntityType::Misc))
                .map(|e| (e.kind.as_str(), e.text.clone()))
                .collect();
            let want: Vec<(&str, String)> = want.iter().map(|(t, s)| (*t, s.to_string())).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    /// Articles built to hit every per-mention loop: one name repeated as a
    /// 100,000-word run, thousands of handles, a word soup of names. Each
    /// took 7-64 s natively (or ran out of memory) while a stage compared
    /// every mention with every other; now each is a fraction of a second
    /// in release (`marginalia analyze` on the same text), which this test
    /// cannot time but runs, so a slow stage shows in the test's duration.
    #[test]
    fn pathological_articles_finish() {
        let run = "Acme ".repeat(20_000);
        let handles: String = (0..5_000).map(|i| format!("@user{} said Smith ", i % 50)).collect();
        let words = ["Acme", "Bank", "of", "England", "said", "Smith", "John", "Paris", "’s", "-", "and", "@acme", "IAEA", "Corp"];
        let soup: String = (0..20_000usize).map(|i| words[(i * 7 + i / 3) % words.len()]).collect::<Vec<_>>().join(" ");
        for text in [run, handles, soup] {
            let a = analyze(&text);
            assert!(!a.entities.is_empty());
        }
    }

    #[test]
    fn groups_and_handles() {
        let text = "Antony Blinken spoke. Later Blinken left Kiev for Kyiv and the U.S. and US said so.\nPost body.\n— Secretary Antony Blinken (@SecBlinken) February 14, 2022";
        let a = analyze(text);
        let group_of = |t: &str| a.entities.iter().find(|e| e.text == t).and_then(|e| e.group).unwrap_or_else(|| panic!("{t}"));
        assert_eq!(group_of("Blinken"), group_of("Antony Blinken"));
        assert_eq!(group_of("@SecBlinken"), group_of("Antony Blinken"));
        assert_eq!(group_of("Kiev"), group_of("Kyiv"));
        assert_eq!(group_of("U.S."), group_of("US"));
        assert_eq!(a.groups[group_of("Kiev")].canonical, "Kyiv");
        assert_eq!(a.posts[0].author, "Antony Blinken");
        assert_eq!(a.posts[0].handle, "@SecBlinken");
    }

    proptest! {
        /// Arbitrary Unicode never panics and every span is valid text.
        #[test]
        fn no_panic_and_valid_spans(text in "(?s).{0,300}") {
            let indexed = IndexedText::new(text.clone());
            let a = analyze(&text);
            for e in &a.entities {
                prop_assert_eq!(indexed.slice(e.range), Some(e.text.as_str()));
                prop_assert!(e.group.is_none_or(|g| g < a.groups.len()));
            }
            for q in &a.quotes {
                prop_assert_eq!(indexed.slice(q.range), Some(q.text.as_str()));
                if let Some(s) = &q.speaker {
                    prop_assert!(indexed.slice(s.mention).is_some());
                }
            }
            for p in &a.posts {
                prop_assert!(indexed.slice(p.range).is_some());
            }
        }

        /// News-like fragments with quotation marks and apostrophes.
        #[test]
        fn no_panic_on_news_fragments(parts in proptest::collection::vec(prop_oneof![
            Just("\""), Just("“"), Just("”"), Just("'"), Just("’"), Just("‘"), Just(" said "), Just("Blinken"),
            Just("U.S."), Just("\n"), Just(", "), Just(". "), Just("@SecBlinken"), Just("— Jane (@j) May 1, 2020"),
            Just("{image_1}"), Just("100,000 troops"), Just("😀"), Just("e\u{301}"), Just("Kyiv-Lviv")
        ], 0..40)) {
            let text = parts.concat();
            let indexed = IndexedText::new(text.clone());
            let a = analyze(&text);
            for q in &a.quotes {
                prop_assert_eq!(indexed.slice(q.range), Some(q.text.as_str()));
            }
        }
    }
}
