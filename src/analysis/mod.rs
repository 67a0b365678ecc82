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

pub mod cli;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod groups;
pub mod names;
pub mod patterns;
pub mod quotes;
pub mod tagger;
pub mod token;
pub mod train;
pub mod words;

use std::collections::HashMap;

use serde::Serialize;

use crate::text::layout::{BlockKind, Layout};
use crate::text::{ByteRange, CharRange, IndexedText};
use features::DocContext;
use tagger::{NameTagger, NameType, PerceptronTagger};
use token::Kind;

/// Entity types.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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
#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The type of the entity.
    pub kind: EntityType,
    /// Its canonical name.
    pub canonical: String,
    /// Indices into [`Analysis::entities`], in text order.
    pub mentions: Vec<usize>,
}

/// Who is quoted.
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    /// Canonical name (a group's canonical name when resolved).
    pub name: String,
    /// The mention as written (a name, pronoun or phrase).
    pub mention: CharRange,
    /// The speaker's group, when resolved to an entity.
    pub group: Option<usize>,
}

/// A direct quotation.
#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Debug, Default, PartialEq)]
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

/// Converts byte ranges to code point ranges (valid token boundaries).
fn chars_of(indexed: &IndexedText, b: ByteRange) -> CharRange {
    indexed.char_range(b).unwrap_or_default()
}

/// Analyses an already indexed text (the app keeps one per document).
pub fn analyze_indexed(indexed: &IndexedText) -> Analysis {
    let text = indexed.as_str();
    let tokens = token::tokenize(text);
    let lower: Vec<String> = tokens.iter().map(|t| t.text(text).to_lowercase()).collect();
    let ctx = DocContext::new(text, &tokens);
    let names = match PerceptronTagger::shipped() {
        Some(t) => t.tag(&ctx),
        None => Vec::new(),
    };
    let names = names::post_process(text, &tokens, names);

    let mut taken = vec![false; tokens.len()];
    let mut spans: Vec<(EntityType, usize, usize)> = Vec::new();
    for n in &names {
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
    for p in patterns::find(text, &tokens, &lower, &taken) {
        let kind = match p.kind {
            patterns::PatternKind::Date => EntityType::Date,
            patterns::PatternKind::Quantity => EntityType::Quantity,
        };
        spans.push((kind, p.first, p.last));
    }
    spans.sort_by_key(|&(_, f, _)| f);
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

    let marked = quotes::find_marked(text);
    let attributions = quotes::attribute(text, &tokens, &lower, &marked, &entities, &groups);
    let quotes = marked
        .iter()
        .zip(attributions)
        .map(|(m, a)| {
            let words = text[m.inner.start..m.inner.end].split_whitespace().count();
            Quotation {
                range: chars_of(indexed, m.inner),
                text: text[m.inner.start..m.inner.end].to_string(),
                speaker: a.as_ref().map(|a| Speaker { name: a.name.clone(), mention: chars_of(indexed, a.mention), group: a.group }),
                cue: a.and_then(|a| a.cue),
                scare: m.single && words <= 3,
            }
        })
        .collect();
    Analysis { entities, groups, quotes, posts }
}
