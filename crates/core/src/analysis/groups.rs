//! Entity groups: the mentions of one entity, with a canonical name.
//!
//! - PERSON: a one-word mention (`Blinken`) joins the nearest full name
//!   ending or starting with it (`Antony Blinken`).
//! - PLACE: aliases from the gazetteer (`Kiev` -> `Kyiv`, `U.S.` / `US` ->
//!   `United States`).
//! - ORG: a mention that ends a longer one (`State Department` in `US State
//!   Department`), or an acronym of it, joins it.
//! - HANDLE: a handle in a post's attribution line belongs to its author;
//!   other handles join the entity whose words they spell in camel case
//!   (`@StateDept` -> `State Department`, `@DmytroKuleba`).
//! - Everything else groups by its text.

use std::collections::HashMap;

use super::gazetteer;
use super::words::FxBuild;
use super::{Entity, EntityType, Group};
use crate::text::ByteRange;

fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect()
}

fn place_key(text: &str) -> String {
    let canonical = gazetteer::lookup(text).and_then(|e| e.canonical).unwrap_or(text);
    canonical.to_lowercase()
}

/// Splits a handle into words: `@StateDeptSpox` -> `State`, `Dept`, `Spox`.
pub fn camel_words(handle: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = handle.trim_start_matches('@').chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let boundary = c == '_'
            || (c.is_uppercase() && i > 0 && (chars[i - 1].is_lowercase() || chars.get(i + 1).is_some_and(|n| n.is_lowercase()) && chars[i - 1].is_uppercase()))
            || (c.is_ascii_digit() != chars.get(i.wrapping_sub(1)).is_some_and(|p| p.is_ascii_digit()) && i > 0);
        if boundary && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if c != '_' {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// True when `part` abbreviates `word`: equal, or its letters appear in
/// order in `word` starting with the same letter (`Dept` ~ `Department`).
fn abbreviates(part: &str, word: &str) -> bool {
    let (p, w) = (part.to_lowercase(), word.to_lowercase());
    if p == w {
        return true;
    }
    if p.chars().count() < 3 || p.chars().next() != w.chars().next() {
        return false;
    }
    let mut wi = w.chars();
    p.chars().all(|c| wi.any(|x| x == c))
}

/// True when the handle spells the mention: every word of the mention
/// abbreviated by consecutive handle words.
#[cfg(test)]
fn handle_spells(parts: &[String], mention: &str) -> bool {
    spells_words(parts, &words(mention))
}

/// [`handle_spells`] over the mention's words.
fn spells_words(parts: &[String], ws: &[&str]) -> bool {
    if ws.is_empty() || ws.len() > parts.len() {
        return false;
    }
    if ws.len() == 1 {
        // A single word must be a whole part and a real word.
        return ws[0].chars().count() >= 4 && parts.iter().any(|p| p.eq_ignore_ascii_case(ws[0]));
    }
    (0..=parts.len() - ws.len()).any(|s| ws.iter().enumerate().all(|(k, w)| abbreviates(&parts[s + k], w)))
}

/// Groups being built, found by `(type, key)`.
#[derive(Default)]
struct Grouper {
    groups: Vec<Group>,
    by_key: HashMap<(EntityType, String), usize, FxBuild>,
}

impl Grouper {
    /// The group of `(kind, key)`, made with canonical `name` if new.
    fn group_for(&mut self, kind: EntityType, key: String, name: &str) -> usize {
        let groups = &mut self.groups;
        *self.by_key.entry((kind, key)).or_insert_with(|| {
            groups.push(Group { kind, canonical: name.to_string(), mentions: Vec::new() });
            groups.len() - 1
        })
    }
}

/// Assigns `group` to every entity and returns the groups. `author_of` maps
/// the byte range of a handle in an attribution line to its author's name.
/// Stages, in order: persons, organisations, everything else by text
/// (places by alias), handles; then each group's mentions and name.
pub fn assign(entities: &mut [Entity], author_of: &HashMap<ByteRange, String>) -> Vec<Group> {
    let mut g = Grouper::default();
    group_persons(entities, &mut g);
    group_orgs(entities, &mut g);
    group_by_text(entities, &mut g);
    group_handles(entities, author_of, &mut g);
    let mut groups = g.groups;
    for (i, e) in entities.iter().enumerate() {
        if let Some(g) = e.group {
            groups[g].mentions.push(i);
        }
    }
    // Canonical names: the longest person or organisation mention (not a
    // handle); places keep their gazetteer name.
    for g in &mut groups {
        if matches!(g.kind, EntityType::Person | EntityType::Org) {
            if let Some(best) = g
                .mentions
                .iter()
                .map(|&i| &entities[i])
                .filter(|e| e.kind == g.kind)
                .max_by_key(|e| (words(&e.text).len(), std::cmp::Reverse(e.bytes.start)))
            {
                g.canonical = best.text.clone();
            }
        }
    }
    groups
}

/// Full person names first, so one-word mentions can join the nearest full
/// name (before, else after) that ends or starts with them. The full names
/// are indexed by their first and last words (lower-cased), so an article
/// with thousands of mentions does not compare every pair.
fn group_persons(entities: &mut [Entity], g: &mut Grouper) {
    let persons: Vec<usize> = (0..entities.len()).filter(|&i| entities[i].kind == EntityType::Person).collect();
    // Word -> the full names it starts or ends, in text order.
    let mut by_word: HashMap<String, Vec<usize>, FxBuild> = HashMap::default();
    for &i in &persons {
        let name = entities[i].text.clone();
        let ws = words(&name);
        if ws.len() >= 2 {
            entities[i].group = Some(g.group_for(EntityType::Person, name.to_lowercase(), &name));
            let (first, last) = (ws[0].to_lowercase(), ws[ws.len() - 1].to_lowercase());
            if first != last {
                by_word.entry(first).or_default().push(i);
            }
            by_word.entry(last).or_default().push(i);
        }
    }
    for &i in &persons {
        if entities[i].group.is_some() {
            continue;
        }
        let name = entities[i].text.to_lowercase();
        let full = by_word.get(&name).map_or(&[][..], Vec::as_slice);
        let at = full.partition_point(|&j| j < i);
        let nearest = at.checked_sub(1).map(|k| full[k]).or_else(|| full.get(at).copied());
        let group = match nearest.and_then(|j| entities[j].group) {
            Some(group) => group,
            None => g.group_for(EntityType::Person, name, &entities[i].text.clone()),
        };
        entities[i].group = Some(group);
    }
}

/// The capitals that start the words of a name of two or more words
/// (`State Department` -> `SD`), if it has two or more words.
fn initials(text: &str) -> Option<String> {
    let ws = words(text);
    (ws.len() >= 2).then(|| ws.iter().filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect())
}

/// Organisations, longest first: a shorter one joins the first longer one
/// it ends (`State Department` → `US State Department`) or abbreviates
/// (`IAEA`). The names already grouped are indexed by their last word and
/// their initials, so a name is compared only with the few that could
/// hold it, not with every organisation in the article.
fn group_orgs(entities: &mut [Entity], g: &mut Grouper) {
    let mut orgs: Vec<usize> = (0..entities.len()).filter(|&i| entities[i].kind == EntityType::Org).collect();
    crate::order::sort_by_key(&mut orgs, |&i| std::cmp::Reverse(words(&entities[i].text).len()));
    // Last word -> (rank in `orgs`, entity, lower-cased text), by rank;
    // initials -> the first (rank, entity) with them.
    let mut by_last_word: HashMap<String, Vec<(usize, usize, String)>, FxBuild> = HashMap::default();
    let mut by_initials: HashMap<String, (usize, usize), FxBuild> = HashMap::default();
    for (rank, &i) in orgs.iter().enumerate() {
        let text = entities[i].text.clone();
        let lower = text.to_lowercase();
        let last_word = words(&lower).last().map(|w| w.to_string()).unwrap_or_default();
        let suffix = format!(" {lower}");
        let ends = by_last_word.get(&last_word).and_then(|longer| longer.iter().find(|(_, _, l)| l.ends_with(&suffix))).map(|&(r, j, _)| (r, j));
        let acronym = text.len() >= 2 && text.chars().all(|c| c.is_uppercase());
        let abbreviates = if acronym { by_initials.get(&text).copied() } else { None };
        let joined = [ends, abbreviates].into_iter().flatten().min().map(|(_, j)| j);
        let group = match joined.and_then(|j| entities[j].group) {
            Some(group) => group,
            None => g.group_for(EntityType::Org, lower.clone(), &text),
        };
        entities[i].group = Some(group);
        by_last_word.entry(last_word).or_default().push((rank, i, lower));
        if let Some(initials) = initials(&text) {
            by_initials.entry(initials).or_insert((rank, i));
        }
    }
}

/// Places by alias (`Kiev` / `Kyiv`), everything else but handles by text.
fn group_by_text(entities: &mut [Entity], g: &mut Grouper) {
    for e in entities.iter_mut() {
        if e.group.is_some() || e.kind == EntityType::Handle {
            continue;
        }
        let (kind, text) = (e.kind, e.text.clone());
        let (key, canonical) = if kind == EntityType::Place {
            (place_key(&text), gazetteer::lookup(&text).and_then(|e| e.canonical).map_or(text.clone(), str::to_string))
        } else {
            (text.to_lowercase(), text.clone())
        };
        e.group = Some(g.group_for(kind, key, &canonical));
    }
}

/// Handles: their post's author, else the entity they spell, else themselves.
/// What each step reads is indexed once ([`HandleIndex`]), so thousands of
/// handles do not each scan every mention.
fn group_handles(entities: &mut [Entity], author_of: &HashMap<ByteRange, String>, g: &mut Grouper) {
    // Decided first (the index borrows the mentions), assigned after.
    let found: Vec<(usize, Option<usize>)> = {
        let index = HandleIndex::new(entities, author_of);
        let mut spelled: HashMap<&str, Option<usize>, FxBuild> = HashMap::default();
        let handles = entities.iter().enumerate().filter(|(_, e)| e.kind == EntityType::Handle);
        handles
            .map(|(i, e)| {
                // Its own attribution line, else the same handle's elsewhere.
                let author = author_of.get(&e.bytes).or_else(|| index.author_by_handle.get(&e.text.to_ascii_lowercase()));
                let by_author = author.and_then(|a| index.person_group.get(&a.to_lowercase()).copied());
                let by_spelling = || *spelled.entry(e.text.as_str()).or_insert_with(|| index.spelled_by(&e.text));
                (i, by_author.or_else(by_spelling))
            })
            .collect()
    };
    for (i, group) in found {
        let handle = entities[i].text.clone();
        entities[i].group = Some(group.unwrap_or_else(|| g.group_for(EntityType::Handle, handle.to_lowercase(), &handle)));
    }
}

/// What handles are matched against, gathered once.
struct HandleIndex<'a> {
    /// Lower-cased handle -> the author of the first attribution line it
    /// is written in.
    author_by_handle: HashMap<String, String, FxBuild>,
    /// Lower-cased person mention -> its group (the first such mention's).
    person_group: HashMap<String, usize, FxBuild>,
    /// Grouped people, organisations and places, one per text and group,
    /// in the order of their last mention: `(group, words)`.
    spellable: Vec<(usize, Vec<&'a str>)>,
}

impl<'a> HandleIndex<'a> {
    fn new(entities: &'a [Entity], author_of: &HashMap<ByteRange, String>) -> HandleIndex<'a> {
        let mut author_by_handle: HashMap<String, String, FxBuild> = HashMap::default();
        let mut person_group: HashMap<String, usize, FxBuild> = HashMap::default();
        let mut last_seen: HashMap<(&str, usize), usize, FxBuild> = HashMap::default();
        for (i, e) in entities.iter().enumerate() {
            match (e.kind, e.group) {
                (EntityType::Handle, _) => {
                    if let Some(a) = author_of.get(&e.bytes) {
                        author_by_handle.entry(e.text.to_ascii_lowercase()).or_insert_with(|| a.clone());
                    }
                }
                (EntityType::Person | EntityType::Org | EntityType::Place, Some(group)) => {
                    if e.kind == EntityType::Person {
                        person_group.entry(e.text.to_lowercase()).or_insert(group);
                    }
                    last_seen.insert((e.text.as_str(), group), i);
                }
                _ => {}
            }
        }
        let mut spellable: Vec<(usize, usize, Vec<&str>)> = last_seen.into_iter().map(|((text, group), i)| (i, group, words(text))).collect();
        crate::order::sort_by_key(&mut spellable, |c| c.0);
        HandleIndex { author_by_handle, person_group, spellable: spellable.into_iter().map(|(_, g, w)| (g, w)).collect() }
    }

    /// The group of the longest mention `handle` spells (the last of the
    /// longest, as the mentions come).
    fn spelled_by(&self, handle: &str) -> Option<usize> {
        let parts = camel_words(handle);
        // A mention's first word starts like one of the parts, or no part
        // can abbreviate it: a cheap test before the full one.
        let starts: Vec<char> = parts.iter().filter_map(|p| p.chars().next()).flat_map(char::to_lowercase).collect();
        self.spellable
            .iter()
            .filter(|(_, ws)| ws.first().and_then(|w| w.chars().next()).is_some_and(|c| c.to_lowercase().any(|c| starts.contains(&c))))
            .filter(|(_, ws)| spells_words(&parts, ws))
            .max_by_key(|(_, ws)| ws.len())
            .map(|(group, _)| *group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles() {
        assert_eq!(camel_words("@StateDeptSpox"), ["State", "Dept", "Spox"]);
        assert_eq!(camel_words("@SecBlinken"), ["Sec", "Blinken"]);
        assert_eq!(camel_words("@AP_Politics"), ["AP", "Politics"]);
        assert!(handle_spells(&camel_words("@StateDept"), "State Department"));
        assert!(handle_spells(&camel_words("@DmytroKuleba"), "Dmytro Kuleba"));
        assert!(handle_spells(&camel_words("@SecBlinken"), "Blinken"));
        assert!(!handle_spells(&camel_words("@SecBlinken"), "Antony Blinken"));
        assert!(!handle_spells(&camel_words("@StateDeptSpox"), "Ned Price"));
    }
}
