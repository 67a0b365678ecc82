//! Tokenisation for analysis: words, numbers, punctuation and the special
//! tokens of social media (URLs, e-mails, @handles, #hashtags) and media
//! placeholders, with UTF-8 byte spans into the text.
//!
//! Conventions follow the CoNLL/Penn Treebank style the name tagger was
//! trained on: the possessive `'s` and `n't` are their own tokens, so is a
//! pronoun before a contracted verb (`I’m`: `I`, `’`, `m`), hyphens
//! split words (`Ukraine-Belarus`), abbreviations keep their period (`U.S.`,
//! `Mr.`, `Jan.`). Text that is already tokenised that way (CoNLL files)
//! tokenises to the same tokens.

use super::words::{word_set, WordSet};

/// What a token is.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Letters (possibly with digits, inner apostrophes, abbreviation dots).
    Word,
    /// Digits (with inner `,` `.` `:` `/` `-` between digits, and a letter suffix).
    Number,
    /// One punctuation or symbol character.
    Punct,
    /// `http(s)://…` or `www.…`.
    Url,
    /// `name@domain.tld`.
    Email,
    /// `@name`.
    Handle,
    /// `#tag`.
    Hashtag,
    /// `{image_1}` and similar placeholders.
    Media,
}

/// A token: a byte span of the text and its kind.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Kind.
    pub kind: Kind,
    /// First token of its paragraph (line).
    pub para_start: bool,
    /// First token of its sentence.
    pub sent_start: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Abbreviations that keep their final period (lowercase, without the dot).
static ABBREVIATIONS: WordSet = word_set![
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "sens", "rep", "reps", "gov", "lt", "col", "capt", "sgt", "maj", "adm", "prof",
    "rev", "hon", "pres", "supt", "cmdr", "inc", "corp", "co", "ltd", "bros", "no", "nos", "vs", "etc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ft", "mt", "ave", "blvd", "calif", "wis", "mass", "conn",
    "ill", "fla", "mich", "minn", "tenn", "okla", "ore", "ariz", "colo", "penn", "wash", "va", "ky", "ga", "ala", "md", "pa",
    "approx", "dept", "est", "fig", "govt", "intl", "univ", "assn", "d", "r", "i", "e.g", "i.e",
];

/// Domain endings that make a word and its ending one name (`Amazon.com`,
/// `Booking.com`: a company named by its site, as Reuters writes
/// `Amazon.com Inc`). Only the three generic ones: `.uk` or `.de` after
/// a word are far more often a sentence's end with no space after it.
const DOMAIN_ENDINGS: &[&str] = &["com", "org", "net"];

/// `word` then `.` then `after` spells a site's name: the ending is one of
/// [`DOMAIN_ENDINGS`] and nothing word-like follows it.
fn domain_ending(word: &str, after: &str) -> Option<usize> {
    let ending = DOMAIN_ENDINGS.iter().find(|e| after.get(..e.len()).is_some_and(|a| a.eq_ignore_ascii_case(e)))?;
    let ends = after[ending.len()..].chars().next().is_none_or(|c| !is_word_char(c));
    (ends && word.chars().any(char::is_alphabetic)).then_some(ending.len())
}

/// `word` is a site's name as one token (`MoveOn.org`, `Amazon.com`).
pub fn is_site_name(word: &str) -> bool {
    word.rsplit_once('.').is_some_and(|(name, ending)| domain_ending(name, ending) == Some(ending.len()))
}

/// How many `+` signs written against the end of `word` belong to it: a
/// name with a plus (`OPEC+`, `Disney+`, `Canal+`, as CoNLL writes them,
/// one token), when it opens with a capital, is no credit rating (`A+`,
/// `BBB+`: letters A to C only, a grade and no name) and nothing
/// word-like follows the signs (`X+Y` is a formula).
fn plus_suffix(word: &str, after: &str) -> usize {
    let pluses = after.len() - after.trim_start_matches('+').len();
    let rating = word.chars().all(|c| matches!(c, 'A' | 'B' | 'C' | 'a'));
    let capital = word.chars().next().is_some_and(char::is_uppercase) && !rating;
    let ends = after[pluses..].chars().next().is_none_or(|c| !is_word_char(c));
    if capital && ends && pluses <= 2 {
        pluses
    } else {
        0
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36f}') || c == '\u{200d}'
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Tokenises `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    let mut para_start = true;
    let mut sent_start = true;
    let n = b.len();
    let char_at = |i: usize| text[i..].chars().next().unwrap_or(' ');
    while i < n {
        let c = char_at(i);
        if c.is_whitespace() {
            if c == '\n' {
                para_start = true;
                sent_start = true;
            }
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let (end, kind) = scan(text, i);
        debug_assert!(end > start);
        // Sentence boundaries: after . ! ? … (and closing quotes/brackets)
        // when the next token starts a new sentence.
        if !sent_start {
            if let Some(prev) = out.last() {
                if ends_sentence(text, &out) && starts_sentence(text, start, kind) && prev.kind == Kind::Punct {
                    sent_start = true;
                }
            }
        }
        out.push(Token { start, end, kind, para_start, sent_start });
        para_start = false;
        sent_start = false;
        i = end;
    }
    out
}

/// True when the tokens so far end with sentence-final punctuation,
/// possibly followed by closing quotes or brackets.
fn ends_sentence(text: &str, toks: &[Token]) -> bool {
    for t in toks.iter().rev().take(3) {
        let s = t.text(text);
        match s {
            "." | "!" | "?" | "…" => return true,
            "\"" | "”" | "»" | "’" | "'" | ")" | "]" => continue,
            _ => return false,
        }
    }
    false
}

fn starts_sentence(text: &str, start: usize, kind: Kind) -> bool {
    let c = text[start..].chars().next().unwrap_or(' ');
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '„' | '«' | '‘' | '(' | '[' | '\'') || kind != Kind::Word && kind != Kind::Punct
}

/// Scans one token starting at byte `i` (not whitespace).
fn scan(text: &str, i: usize) -> (usize, Kind) {
    let rest = &text[i..];
    let c = rest.chars().next().unwrap_or(' ');
    let prev = text[..i].chars().next_back();
    let at_boundary = prev.is_none_or(|p| !is_word_char(p));

    if at_boundary && (starts_with_ci(rest, "http://") || starts_with_ci(rest, "https://") || starts_with_ci(rest, "www.")) {
        let mut end = rest.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”' | '„' | '«' | '»')).unwrap_or(rest.len());
        while end > 0 && rest[..end].ends_with(['.', ',', ';', ':', '!', '?', ')', '\'', '’']) {
            end -= rest[..end].chars().next_back().map_or(1, char::len_utf8);
        }
        if end > 8 {
            return (i + end, Kind::Url);
        }
    }
    if c == '@' && at_boundary {
        let len = ident_len(&rest[1..]);
        if (1..=30).contains(&len) {
            return (i + 1 + len, Kind::Handle);
        }
    }
    if c == '#' && at_boundary {
        let len = rest[1..].find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len() - 1);
        if len >= 1 && rest[1..].chars().next().is_some_and(char::is_alphabetic) {
            return (i + 1 + len, Kind::Hashtag);
        }
    }
    if c == '{' {
        let mut cut = rest.len().min(32);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if let Some(close) = rest[..cut].find('}') {
            if !crate::text::layout::media_placeholders(&rest[..close + 1]).is_empty() {
                return (i + close + 1, Kind::Media);
            }
        }
    }
    if at_boundary && c.is_alphanumeric() {
        if let Some(len) = email_len(rest) {
            return (i + len, Kind::Email);
        }
    }
    // Possessive and negation clitics written as separate tokens ("Germany 's",
    // "do n't") or attached ("Germany's", "don't").
    if is_apostrophe(c) {
        let after = &rest[c.len_utf8()..];
        let mut it = after.chars();
        if let Some(s) = it.next() {
            if (s == 's' || s == 'S') && it.next().is_none_or(|x| !is_word_char(x)) && (prev.is_some_and(is_word_char) || prev.is_some_and(char::is_whitespace)) {
                return (i + c.len_utf8() + 1, Kind::Word);
            }
        }
    }
    if c.is_ascii_digit() {
        return (i + number_len(rest), Kind::Number);
    }
    if is_word_char(c) {
        return (i + word_len(text, i), Kind::Word);
    }
    (i + c.len_utf8(), Kind::Punct)
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn ident_len(s: &str) -> usize {
    s.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count()
}

fn email_len(s: &str) -> Option<usize> {
    let local = s.bytes().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')).count();
    if local == 0 || s.as_bytes().get(local) != Some(&b'@') {
        return None;
    }
    let domain = &s[local + 1..];
    let mut dlen = domain.bytes().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')).count();
    while dlen > 0 && domain.as_bytes()[dlen - 1] == b'.' {
        dlen -= 1;
    }
    let d = &domain[..dlen];
    let tld_ok = d.rsplit_once('.').is_some_and(|(_, tld)| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
    tld_ok.then_some(local + 1 + dlen)
}

fn number_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut j = 0;
    while j < b.len() {
        let digit = b[j].is_ascii_digit();
        let joiner = matches!(b[j], b',' | b'.' | b':' | b'/' | b'-') && j + 1 < b.len() && b[j + 1].is_ascii_digit();
        if digit || joiner {
            j += 1;
        } else {
            break;
        }
    }
    // A letter suffix: 1990s, 5th, 70km, 3pm.
    let suffix = s[j..].chars().take_while(|c| c.is_alphabetic()).map(char::len_utf8).sum::<usize>();
    if suffix > 0 && suffix <= 4 {
        j += suffix;
    }
    j
}

/// Pronouns whose contractions (`I’m`, `We’re`, `they’ve`, `you’ll`,
/// `he’d`) split before the apostrophe. A closed list: an apostrophe
/// after a name stays inside it (`O’Malley`, `Sa’d`).
const CONTRACTION_STEMS: &[&str] = &["i", "you", "we", "they", "he", "she", "it", "that", "there", "who", "what", "where", "here"];

/// The verb endings a pronoun contracts with, after the apostrophe.
const CONTRACTION_ENDINGS: &[&str] = &["m", "re", "ve", "ll", "d"];

/// Whether `stem` + apostrophe + `after` is a pronoun's contraction
/// (`I’m`), which CoNLL's tokenisation writes as two tokens (`I 'm`):
/// kept as one word, `I’m` was an unknown capitalised word, and the tagger
/// read it as a name (an organisation 98 times in PolNeAR's 840 training
/// articles; 332 wrong names with `I’ve`, `We’re` and the rest).
fn pronoun_contraction(stem: &str, after: &str) -> bool {
    let ending = after.chars().take_while(|&c| is_word_char(c)).collect::<String>().to_lowercase();
    CONTRACTION_ENDINGS.contains(&ending.as_str()) && CONTRACTION_STEMS.contains(&stem.to_lowercase().as_str())
}

fn word_len(text: &str, i: usize) -> usize {
    let rest = &text[i..];
    // A detached negation clitic: "n't" / "n’t".
    for clitic in ["n't", "n’t", "N'T", "N’T"] {
        if rest.starts_with(clitic) && rest[clitic.len()..].chars().next().is_none_or(|c| !is_word_char(c)) {
            return clitic.len();
        }
    }
    let mut j = 0;
    let mut chars = rest.char_indices().peekable();
    while let Some(&(k, c)) = chars.peek() {
        if is_word_char(c) {
            j = k + c.len_utf8();
            chars.next();
            continue;
        }
        if is_apostrophe(c) {
            // Inner apostrophe: keep (O'Brien) unless it starts 's or n't.
            let after = &rest[k + c.len_utf8()..];
            let next = after.chars().next();
            let next2 = after.chars().nth(1);
            let possessive = matches!(next, Some('s' | 'S')) && next2.is_none_or(|x| !is_word_char(x));
            let negation = rest[..k].ends_with(['n', 'N']) && matches!(next, Some('t' | 'T')) && next2.is_none_or(|x| !is_word_char(x));
            if pronoun_contraction(&rest[..k], after) {
                // "I’m" -> "I" + "’" + "m", as CoNLL's "I 'm" tokenises.
                return k;
            }
            if next.is_some_and(is_word_char) && !possessive && !negation {
                j = k + c.len_utf8();
                chars.next();
                continue;
            }
            if negation && k > 1 {
                // "don't" -> "do" + "n't"
                return k - 1;
            }
            break;
        }
        if c == '.' {
            // U.S., U.K., e.g. — single letters separated by dots.
            let word = &rest[..k];
            let after = &rest[k + 1..];
            let mut it = after.chars();
            let single_letters = word.chars().filter(|c| c.is_alphabetic()).count() == 1 || word.split('.').all(|p| p.chars().count() == 1);
            if single_letters && it.next().is_some_and(char::is_alphabetic) && it.next() == Some('.') {
                j = k + 1;
                chars.next();
                continue;
            }
            if single_letters && word.contains('.') {
                return k + 1;
            }
            if let Some(len) = domain_ending(word, after) {
                return k + 1 + len;
            }
            let lower = word.to_lowercase();
            if ABBREVIATIONS.contains(lower.as_str()) || (word.chars().count() == 1 && word.chars().all(char::is_uppercase)) {
                return k + 1;
            }
            break;
        }
        if c == '+' {
            return j + plus_suffix(&rest[..k], &rest[k..]);
        }
        break;
    }
    j.max(rest.chars().next().map_or(1, char::len_utf8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(String, Kind)> {
        tokenize(s).iter().map(|t| (t.text(s).to_string(), t.kind)).collect()
    }

    fn texts(s: &str) -> Vec<String> {
        tokenize(s).iter().map(|t| t.text(s).to_string()).collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("Russia's forces", &["Russia", "'s", "forces"]),
            ("Russia’s forces", &["Russia", "’s", "forces"]),
            ("Germany 's representative", &["Germany", "'s", "representative"]),
            ("we don't know", &["we", "do", "n't", "know"]),
            ("we do n't know", &["we", "do", "n't", "know"]),
            ("O'Brien said", &["O'Brien", "said"]),
            // A name's plus is the name's; a rating's or a formula's is not.
            ("OPEC+ met, Canal+ too", &["OPEC+", "met", ",", "Canal+", "too"]),
            ("rated BBB+ and X+Y", &["rated", "BBB", "+", "and", "X", "+", "Y"]),
            ("O’Malley and Sa’d", &["O’Malley", "and", "Sa’d"]),
            ("I’m sure", &["I", "’", "m", "sure"]),
            ("I 'm sure", &["I", "'", "m", "sure"]),
            ("We're here, you'll see, he’d say, I’VE", &["We", "'", "re", "here", ",", "you", "'", "ll", "see", ",", "he", "’", "d", "say", ",", "I", "’", "VE"]),
            ("Imre’s dream", &["Imre", "’s", "dream"]),
            ("the U.S. embassy", &["the", "U.S.", "embassy"]),
            ("Amazon.com Inc and Booking.com.", &["Amazon.com", "Inc", "and", "Booking.com", "."]),
            ("it was common.Commas", &["it", "was", "common", ".", "Commas"]),
            ("Mr. Obama and Dr. Who", &["Mr.", "Obama", "and", "Dr.", "Who"]),
            ("Sens. Cruz and Reps. Pelosi", &["Sens.", "Cruz", "and", "Reps.", "Pelosi"]),
            ("Ukraine-Belarus border", &["Ukraine", "-", "Belarus", "border"]),
            ("100,000 troops and 3.5%", &["100,000", "troops", "and", "3.5", "%"]),
            ("the 1990s on 1996-08-22", &["the", "1990s", "on", "1996-08-22"]),
            ("\"Yes,\" he said.", &["\"", "Yes", ",", "\"", "he", "said", "."]),
            ("“cool down”", &["“", "cool", "down", "”"]),
            ("'cool down'", &["'", "cool", "down", "'"]),
            ("Instagram/US Embassy", &["Instagram", "/", "US", "Embassy"]),
            ("email a.b@ex.org now", &["email", "a.b@ex.org", "now"]),
        ];
        for (s, want) in cases {
            assert_eq!(texts(s), want.iter().map(|w| w.to_string()).collect::<Vec<_>>(), "{s:?}");
        }
    }

    #[test]
    fn special_kinds() {
        let t = toks("Call @SecBlinken about #Ukraine at https://t.co/ei7pyu54QX. {image_1}");
        let kinds: Vec<Kind> = t.iter().map(|(_, k)| *k).collect();
        assert_eq!(
            kinds,
            vec![Kind::Word, Kind::Handle, Kind::Word, Kind::Hashtag, Kind::Word, Kind::Url, Kind::Punct, Kind::Media]
        );
        assert_eq!(t[5].0, "https://t.co/ei7pyu54QX");
    }

    #[test]
    fn sentences_and_paragraphs() {
        let s = "He went to the U.S. in May. Then he left!\nNew line here.";
        let starts: Vec<String> = tokenize(s).iter().filter(|t| t.sent_start).map(|t| t.text(s).to_string()).collect();
        assert_eq!(starts, ["He", "Then", "New"]);
        let paras: Vec<String> = tokenize(s).iter().filter(|t| t.para_start).map(|t| t.text(s).to_string()).collect();
        assert_eq!(paras, ["He", "New"]);
    }

    #[test]
    fn never_panics_and_covers_non_space() {
        for s in ["", " ", "’", "'s", "a'", "\u{301}x", "😀😀", "@", "#", "{", "{image_", "http://", "1.", "e.g. this", "ééé-ùù"] {
            let t = tokenize(s);
            let covered: usize = t.iter().map(|t| t.end - t.start).sum();
            assert_eq!(covered, s.chars().filter(|c| !c.is_whitespace()).map(char::len_utf8).sum::<usize>(), "{s:?}");
        }
    }
}
