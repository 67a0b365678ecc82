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
fn handle_spells(parts: &[String], mention: &str) -> bool {
    let ws = words(mention);
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
/// name (before, else after) that ends or starts with them.
fn group_persons(entities: &mut [Entity], g: &mut Grouper) {
    let persons: Vec<usize> = (0..entities.len()).filter(|&i| entities[i].kind == EntityType::Person).collect();
    for &i in &persons {
        let name = entities[i].text.clone();
        if words(&name).len() >= 2 {
            entities[i].group = Some(g.group_for(EntityType::Person, name.to_lowercase(), &name));
        }
    }
    for &i in &persons {
        if entities[i].group.is_some() {
            continue;
        }
        let name = entities[i].text.to_lowercase();
        let fits = |j: usize| {
            let ws = words(&entities[j].text);
            ws.len() >= 2 && (ws.last().is_some_and(|w| w.to_lowercase() == name) || ws.first().is_some_and(|w| w.to_lowercase() == name))
        };
        let before = persons.iter().rev().copied().find(|&j| j < i && fits(j));
        let after = persons.iter().copied().find(|&j| j > i && fits(j));
        let group = match before.or(after).and_then(|j| entities[j].group) {
            Some(group) => group,
            None => g.group_for(EntityType::Person, name, &entities[i].text.clone()),
        };
        entities[i].group = Some(group);
    }
}

/// Organisations, longest first: a shorter one joins a longer it ends
/// (`State Department` → `US State Department`) or abbreviates.
fn group_orgs(entities: &mut [Entity], g: &mut Grouper) {
    let mut orgs: Vec<usize> = (0..entities.len()).filter(|&i| entities[i].kind == EntityType::Org).collect();
    orgs.sort_by_key(|&i| std::cmp::Reverse(words(&entities[i].text).len()));
    for &i in &orgs {
        let text = entities[i].text.clone();
        let lower = text.to_lowercase();
        let joined = orgs.iter().copied().filter(|&j| entities[j].group.is_some() && j != i).find(|&j| {
            let longer = entities[j].text.to_lowercase();
            let initials: String = words(&entities[j].text).iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).filter_map(|w| w.chars().next()).collect();
            (longer.len() > lower.len() && longer.ends_with(&format!(" {lower}")))
                || (text.len() >= 2 && text.chars().all(|c| c.is_uppercase()) && initials == text && words(&entities[j].text).len() >= 2)
        });
        let group = match joined.and_then(|j| entities[j].group) {
            Some(group) => group,
            None => g.group_for(EntityType::Org, lower, &text),
        };
        entities[i].group = Some(group);
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
fn group_handles(entities: &mut [Entity], author_of: &HashMap<ByteRange, String>, g: &mut Grouper) {
    for i in 0..entities.len() {
        if entities[i].kind != EntityType::Handle {
            continue;
        }
        let handle = entities[i].text.clone();
        let author = author_of.get(&entities[i].bytes).cloned().or_else(|| {
            // The same handle elsewhere in an attribution line.
            entities.iter().filter(|e| e.kind == EntityType::Handle && e.text.eq_ignore_ascii_case(&handle)).find_map(|e| author_of.get(&e.bytes).cloned())
        });
        let by_author = author.and_then(|a| {
            let a = a.to_lowercase();
            entities.iter().filter(|e| e.kind == EntityType::Person && e.text.to_lowercase() == a).find_map(|e| e.group)
        });
        let parts = camel_words(&handle);
        let by_spelling = || {
            entities
                .iter()
                .filter(|e| matches!(e.kind, EntityType::Person | EntityType::Org | EntityType::Place) && e.group.is_some())
                .filter(|e| handle_spells(&parts, &e.text))
                .max_by_key(|e| words(&e.text).len())
                .and_then(|e| e.group)
        };
        let group = match by_author.or_else(by_spelling) {
            Some(group) => group,
            None => g.group_for(EntityType::Handle, handle.to_lowercase(), &handle),
        };
        entities[i].group = Some(group);
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
