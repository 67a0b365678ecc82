//! Tests of `gazetteer`.

use super::*;

#[test]
fn the_embedded_list_decodes_to_its_readable_file() {
    assert_eq!(data(), include_str!("data/gazetteer.txt"));
}

#[test]
fn lookups() {
    let kyiv = lookup("Kyiv").unwrap();
    assert!(kyiv.kinds.has(Kinds::CITY));
    assert_eq!(lookup("Kiev").unwrap().canonical, Some("Kyiv"));
    assert_eq!(lookup("KIEV").unwrap().canonical, Some("Kyiv"), "case-insensitive");
    assert_eq!(lookup("U.S.").unwrap().canonical, Some("United States"));
    assert!(lookup("Ukrainian").unwrap().kinds.has(Kinds::DEMONYM));
    assert!(lookup("Antony").unwrap().kinds.has(Kinds::MALE));
    assert!(lookup("New York").unwrap().kinds.has(Kinds::PLACE));
    assert!(lookup("zzzz-not-a-name").is_none());
    assert!(lookup("").is_none());
    // First and last lines are reachable.
    let first = name_of(line(0));
    let last = name_of(line(len() - 1));
    assert!(lookup(first).is_some() && lookup(last).is_some());
    // Cities of 50,000 people or more, countries, names, companies.
    assert!(len() > 25_000);
}

/// The census supplement's first names are first names for the naming
/// rules, and nothing for the tagger's features (its models stay as
/// trained) nor for pronoun resolution's genders.
#[test]
fn supplementary_first_names_are_not_the_taggers() {
    let donald = lookup("Donald").unwrap().kinds;
    assert!(donald.has(Kinds::FIRST_NAME) && donald.has(Kinds::MORE_MALE) && !donald.has(Kinds::GENDERED));
    assert_eq!(donald.for_tagger(), 0);
    let antony = lookup("Antony").unwrap().kinds;
    assert!(antony.for_tagger() & 32 != 0, "the main list's names are the tagger's");
}

#[test]
fn index_matches_text() {
    // Regenerate with `python3 scripts/gazetteer.py --index-only` if this fails.
    let starts: Vec<usize> = std::iter::once(0).chain(data().match_indices('\n').map(|(i, _)| i + 1).filter(|&i| i < data().len())).collect();
    assert_eq!(line_count(), starts.len());
    for (k, &s) in starts.iter().enumerate().step_by(101) {
        assert_eq!(offsets()[k] as usize, s);
    }
    assert_eq!(*offsets().last().unwrap() as usize, data().len());
}

#[test]
fn every_line_is_found() {
    for line in data().lines().step_by(97) {
        let name = line.split('\t').next().unwrap();
        assert!(lookup(name).is_some(), "{name}");
    }
}
