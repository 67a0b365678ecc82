//! What the page itself says about the article, as a stage of the
//! analysis: the people of its byline (issue 19, "the analysis knows a
//! byline is a byline"). Their names are people wherever the text writes
//! them whole — a tagger unsure of an unusual name, or reading it as a
//! place, is overruled by the page's own author line.

use super::labels::{NameSpan, NameType};
use super::token::Token;

/// Words that join or introduce authors in a byline, not names.
const BYLINE_WORDS: &[&str] = &["by", "and", "&", "with", "por", "par", "von", "und", "et", "y", "e", "di", "de"];

/// The people a byline names: `"By Ann Writer and Bo Li, Staff"` ->
/// `["Ann Writer", "Bo Li", "Staff"]` (each a candidate; only those the text
/// writes whole become names).
pub fn byline_people(byline: &str) -> Vec<String> {
    let mut people = Vec::new();
    for part in byline.split([',', ';', '|', '·', '/']) {
        let mut current: Vec<&str> = Vec::new();
        for w in part.split_whitespace() {
            if BYLINE_WORDS.contains(&w.to_lowercase().as_str()) {
                if !current.is_empty() {
                    people.push(current.join(" "));
                }
                current.clear();
            } else {
                current.push(w);
            }
        }
        if !current.is_empty() {
            people.push(current.join(" "));
        }
    }
    // A name is two words or more and starts with a capital: "Staff" or a
    // date are not.
    people.retain(|p| p.split_whitespace().count() >= 2 && p.chars().next().is_some_and(char::is_uppercase));
    people
}

/// `names` with every whole occurrence of one of `people` as a person: a
/// span on exactly those tokens is retyped, one overlapping them is left
/// alone, and a place the tagger found nothing becomes a new name.
pub fn mark_people(text: &str, tokens: &[Token], mut names: Vec<NameSpan>, people: &[String]) -> Vec<NameSpan> {
    for person in people {
        let words: Vec<&str> = person.split_whitespace().collect();
        if words.is_empty() || words.len() > tokens.len() {
            continue;
        }
        for first in 0..=tokens.len() - words.len() {
            let last = first + words.len() - 1;
            if !(first..=last).zip(&words).all(|(i, w)| tokens[i].text(text) == *w) {
                continue;
            }
            match names.iter_mut().find(|n| n.first <= last && first <= n.last) {
                Some(n) if n.first == first && n.last == last => n.kind = NameType::Person,
                Some(_) => {}
                None => names.push(NameSpan { first, last, kind: NameType::Person }),
            }
        }
    }
    crate::order::sort_by_key(&mut names, |n| n.first);
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::token::tokenize;

    #[test]
    fn byline_people_table() {
        let cases: &[(&str, &[&str])] = &[
            ("By Ann Writer", &["Ann Writer"]),
            ("Ann Writer and Bo Li", &["Ann Writer", "Bo Li"]),
            ("Stella Kim, Jennifer Jett", &["Stella Kim", "Jennifer Jett"]),
            ("Par Sébastien Farcis", &["Sébastien Farcis"]),
            ("BBC News", &["BBC News"]),
            ("staff reporter", &[]),
        ];
        for (byline, want) in cases {
            assert_eq!(byline_people(byline), want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{byline}");
        }
    }

    #[test]
    fn the_byline_overrules_and_adds() {
        let text = "Quill Zebedee reported. Later Quill Zebedee and Ann Ross met.";
        let tokens = tokenize(text);
        let place = NameSpan { first: 0, last: 1, kind: NameType::Place };
        let got = mark_people(text, &tokens, vec![place], &["Quill Zebedee".to_string()]);
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|n| n.kind == NameType::Person));
        assert_eq!(tokens[got[1].first].text(text), "Quill");
    }
}
