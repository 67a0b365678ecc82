//! Rule-based recognisers over tokens: dates and quantities.
//!
//! Conventions (../shared/corpus/README.md): a DATE is a day, date, month,
//! year, relative day (`today`) or a span of years, months, weeks or days
//! (`nearly eight years`); a QUANTITY is an amount with a unit (`70
//! kilometres`, `two hours`, `$5 million`, `3.5%`) or a count written in
//! figures with what it counts (`more than 100,000 troops`). Approximators
//! (`nearly`, `more than`) belong to the span.

use super::token::{Kind, Token};
use super::words::{word_set, WordSet};

/// What a pattern found.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum PatternKind {
    /// A date or duration in days or longer.
    Date,
    /// An amount.
    Quantity,
}

/// A match: inclusive token range and kind.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct PatternSpan {
    /// First token.
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
    /// Kind.
    pub kind: PatternKind,
}

use super::calendar::{MONTHS as MONTH_NAMES, MONTH_ABBREVIATIONS, WEEKDAYS};

/// A month written in full or abbreviated (`mar.` with its stop only:
/// `Mar` alone is a name as often as a month).
fn is_month(w: &str) -> bool {
    MONTH_NAMES.contains(w) || MONTH_ABBREVIATIONS.contains(w) || w == "mar."
}
static RELATIVE_DAYS: WordSet = word_set!["today", "yesterday", "tomorrow", "tonight"];
static PERIOD_WORDS: WordSet = word_set![
    "week", "weekend", "month", "year", "decade", "century", "spring", "summer", "autumn", "fall", "winter", "quarter", "morning",
    "afternoon", "evening", "night",
];
static PERIOD_MODIFIERS: WordSet = word_set!["this", "last", "next", "past", "coming", "previous", "following"];
static LONG_UNITS: WordSet = word_set!["year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades", "century", "centuries"];
static UNITS: WordSet = word_set![
    "km", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles", "metre", "metres", "meter", "meters", "m", "cm",
    "mm", "foot", "feet", "ft", "inch", "inches", "yard", "yards", "kg", "kilogram", "kilograms", "gram", "grams", "g", "pound",
    "pounds", "lb", "lbs", "ton", "tons", "tonne", "tonnes", "litre", "litres", "liter", "liters", "gallon", "gallons", "barrel",
    "barrels", "hour", "hours", "minute", "minutes", "second", "seconds", "degree", "degrees", "acre", "acres", "hectare",
    "hectares", "percent", "per", "dollar", "dollars", "euro", "euros", "cent", "cents", "yen", "yuan", "rupees", "rubles",
    "roubles", "hryvnias", "mph", "km/h", "mw", "gw", "kwh", "bpd", "points", "%",
];
static SCALES: WordSet = word_set!["hundred", "thousand", "million", "billion", "trillion", "mln", "bln", "m", "bn"];
static NUMBER_WORDS: WordSet = word_set![
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "hundred", "thousand", "million", "billion", "dozen", "half", "several", "a",
];
/// One-word approximators that belong to the amount. Words that are also
/// prepositions or focus adverbs ("around", "about", "over", "only") stay
/// out, as in the corpus ("located around [70 kilometres]").
static APPROX_ONE: WordSet = word_set!["nearly", "almost", "approximately", "roughly"];
const APPROX_TWO: &[(&str, &str)] = &[
    ("more", "than"), ("less", "than"), ("fewer", "than"), ("at", "least"), ("at", "most"), ("up", "to"), ("as", "many"), ("as", "much"),
];
/// Plurals without an -s that are counted in news ("3,000 people").
static COUNT_NOUNS: WordSet = word_set!["people", "men", "women", "children", "police", "personnel", "staff", "cattle", "sheep", "fish"];
/// Words that cannot sit between a figure and what it counts.
static FUNCTION: WordSet = word_set!["of", "in", "on", "at", "to", "for", "from", "by", "and", "or", "than", "the", "a", "were", "was", "are", "is", "had", "have"];
static CURRENCY: WordSet = word_set!["$", "€", "£", "¥", "us$", "c$", "a$"];

struct Cursor<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lower: &'a [String],
}

impl<'a> Cursor<'a> {
    fn low(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }
    fn raw(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }
    fn kind(&self, i: usize) -> Option<Kind> {
        self.tokens.get(i).map(|t| t.kind)
    }
    /// Same sentence/paragraph: no paragraph break between `a` and `b`.
    fn joined(&self, a: usize, b: usize) -> bool {
        b < self.tokens.len() && !self.tokens[b].para_start && b > a
    }
    fn is_number(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Number) && self.raw(i).chars().next().is_some_and(|c| c.is_ascii_digit())
    }
    fn is_day(&self, i: usize) -> bool {
        self.is_number(i) && {
            let r = self.raw(i).trim_end_matches(|c: char| c.is_alphabetic());
            r.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
        }
    }
    fn is_year(&self, i: usize) -> bool {
        self.is_number(i) && self.raw(i).len() == 4 && self.raw(i).parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
    }
    fn is_month(&self, i: usize) -> bool {
        is_month(self.low(i)) && self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }
    fn is_number_word(&self, i: usize) -> bool {
        NUMBER_WORDS.contains(self.low(i)) || self.low(i).contains('-') && self.low(i).split('-').all(|p| NUMBER_WORDS.contains(p))
    }
    /// Tokens of an approximator ending just before `i`.
    fn approximator_before(&self, i: usize) -> usize {
        if i >= 2 && self.joined(i - 2, i) && APPROX_TWO.contains(&(self.low(i - 2), self.low(i - 1))) {
            return 2;
        }
        if i >= 1 && self.joined(i - 1, i) && APPROX_ONE.contains(self.low(i - 1)) {
            return 1;
        }
        0
    }
    /// End (inclusive) of a number expression starting at `i`: digits or
    /// number words, with scale words (`5 million`, `two hundred`).
    fn number_end(&self, i: usize) -> Option<usize> {
        let mut j = if self.is_number(i) || (self.is_number_word(i) && self.low(i) != "a") {
            i
        } else if self.low(i) == "a" && SCALES.contains(self.low(i + 1)) && self.joined(i, i + 1) {
            i + 1
        } else {
            return None;
        };
        while self.joined(j, j + 1) && (SCALES.contains(self.low(j + 1)) || (self.is_number_word(j + 1) && self.low(j + 1) != "a")) {
            j += 1;
        }
        Some(j)
    }
}

/// Words that can start a date or quantity besides numbers, currency
/// symbols and calendar words (`is_month`, `WEEKDAYS`): a token that is
/// none of these is skipped at once.
static TRIGGERS: WordSet = word_set![
    "today", "yesterday", "tomorrow", "tonight", "this", "last", "next", "past", "coming", "previous", "following", "nearly",
    "almost", "approximately", "roughly", "more", "less", "fewer", "at", "up", "as", "one", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
    "million", "billion", "dozen", "half", "several", "a", "$", "€", "£", "¥", "us$", "c$", "a$",
];

/// A token that may start a date or quantity.
fn is_trigger(w: &str) -> bool {
    TRIGGERS.contains(w) || WEEKDAYS.contains(w) || is_month(w)
}

/// Finds dates and quantities. Tokens inside `taken` (names) are skipped.
/// `lower` holds each token's lower-cased text.
pub fn find(text: &str, tokens: &[Token], lower: &[String], taken: &[bool]) -> Vec<PatternSpan> {
    let c = Cursor { text, tokens, lower };
    let mut out: Vec<PatternSpan> = Vec::new();
    let mut i = 0;
    let free = |a: usize, b: usize| (a..=b).all(|k| !taken.get(k).copied().unwrap_or(false));
    while i < tokens.len() {
        let trigger = tokens[i].kind == Kind::Number || is_trigger(c.low(i)) || c.low(i).contains('-');
        if !trigger {
            i += 1;
            continue;
        }
        if let Some(span) = date_at(&c, i).or_else(|| quantity_at(&c, i)) {
            if free(span.first, span.last) && span.first >= out.last().map_or(0, |s| s.last + 1) {
                out.push(span);
                i = span.last + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

fn date_at(c: &Cursor, i: usize) -> Option<PatternSpan> {
    let date = |first, last| Some(PatternSpan { first, last, kind: PatternKind::Date });
    let low = c.low(i);
    // Weekday, optionally followed by a date: "Monday, Feb. 14".
    if WEEKDAYS.contains(low) && c.raw(i).chars().next().is_some_and(char::is_uppercase) {
        if c.raw(i + 1) == "," && c.joined(i, i + 2) && c.is_month(i + 2) {
            if let Some(span) = date_at(c, i + 2) {
                return date(i, span.last);
            }
        }
        return date(i, i);
    }
    // Month day[, year] | Month year | Month.
    if c.is_month(i) {
        let may_modal = low == "may" || low == "march";
        if c.joined(i, i + 1) && c.is_day(i + 1) {
            if c.raw(i + 2) == "," && c.joined(i, i + 3) && c.is_year(i + 3) {
                return date(i, i + 3);
            }
            if c.joined(i, i + 2) && c.is_year(i + 2) {
                return date(i, i + 2);
            }
            return date(i, i + 1);
        }
        if c.joined(i, i + 1) && c.is_year(i + 1) {
            return date(i, i + 1);
        }
        if !may_modal && i > 0 && matches!(c.low(i - 1), "in" | "since" | "until" | "by" | "early" | "late" | "mid" | "last" | "next" | "this") {
            return date(i, i);
        }
        return None;
    }
    // Day Month [year]: "14 February 2022".
    if c.is_day(i) && c.joined(i, i + 1) && c.is_month(i + 1) {
        if c.joined(i, i + 2) && c.is_year(i + 2) {
            return date(i, i + 2);
        }
        return date(i, i + 1);
    }
    // ISO and numeric dates.
    if c.is_number(i) {
        let r = c.raw(i);
        let parts: Vec<&str> = r.split(['-', '/']).collect();
        if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
            return date(i, i);
        }
        // Decades: 1990s.
        if r.len() == 5 && r.ends_with('s') && r[..4].parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y) && y % 10 == 0) {
            return date(i, i);
        }
        if c.is_year(i) && !UNITS.contains(c.low(i + 1)) && !c.low(i + 1).ends_with('s') {
            return date(i, i);
        }
    }
    if RELATIVE_DAYS.contains(low) {
        return date(i, i);
    }
    // this week, last year, next Monday.
    if PERIOD_MODIFIERS.contains(low) && c.joined(i, i + 1) && (PERIOD_WORDS.contains(c.low(i + 1)) || WEEKDAYS.contains(c.low(i + 1))) {
        // "the past week" keeps "the" out; "last year" in.
        return date(i, i + 1);
    }
    // Durations in days or longer: "nearly eight years", "three months ago".
    let approx = c.approximator_before(i);
    if let Some(end) = c.number_end(i) {
        if c.joined(end, end + 1) && LONG_UNITS.contains(c.low(end + 1)) {
            let mut last = end + 1;
            if c.joined(last, last + 1) && matches!(c.low(last + 1), "ago" | "old" | "later" | "earlier") {
                last += 1;
            }
            return date(i - approx, last);
        }
    }
    None
}

fn quantity_at(c: &Cursor, i: usize) -> Option<PatternSpan> {
    let q = |first, last| Some(PatternSpan { first, last, kind: PatternKind::Quantity });
    let approx = c.approximator_before(i);
    // Currency symbol first: "$5 million", "€20".
    if CURRENCY.contains(c.low(i)) && c.joined(i, i + 1) {
        if let Some(end) = c.number_end(i + 1) {
            return q(i - approx, end);
        }
    }
    let end = c.number_end(i)?;
    let digits = c.is_number(i);
    let next = c.low(end + 1);
    if c.joined(end, end + 1) {
        // Percent sign or percent/per cent.
        if next == "%" || next == "percent" {
            return q(i - approx, end + 1);
        }
        if next == "per" && c.low(end + 2) == "cent" {
            return q(i - approx, end + 2);
        }
        if UNITS.contains(next) && !LONG_UNITS.contains(next) {
            return q(i - approx, end + 1);
        }
        // A count in figures with what it counts: "100,000 troops",
        // "3,000 people", "8,500 additional troops".
        let plural_noun = |k: usize| {
            let raw = c.raw(k);
            c.kind(k) == Some(Kind::Word)
                && raw.chars().all(|ch| ch.is_lowercase())
                && ((raw.len() > 3 && raw.ends_with('s') && !raw.ends_with("ss") && !LONG_UNITS.contains(raw)) || COUNT_NOUNS.contains(raw))
        };
        if digits && !c.is_year(i) {
            if plural_noun(end + 1) {
                return q(i - approx, end + 1);
            }
            let adjective = c.kind(end + 1) == Some(Kind::Word) && c.raw(end + 1).chars().all(|ch| ch.is_lowercase()) && !FUNCTION.contains(c.raw(end + 1));
            if adjective && c.joined(end + 1, end + 2) && plural_noun(end + 2) {
                return q(i - approx, end + 2);
            }
        }
    }
    // A bare figure with an approximator or scale word: "more than 500", "5 million".
    if digits && (approx > 0 || end > i) && !c.is_year(i) {
        return q(i - approx, end);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::token::tokenize;

    fn spans(text: &str) -> Vec<(String, PatternKind)> {
        let toks = tokenize(text);
        let lower: Vec<String> = toks.iter().map(|t| t.text(text).to_lowercase()).collect();
        find(text, &toks, &lower, &vec![false; toks.len()])
            .into_iter()
            .map(|s| (text[toks[s.first].start..toks[s.last].end].to_string(), s.kind))
            .collect()
    }

    #[test]
    fn table() {
        use PatternKind::{Date, Quantity};
        let cases: Vec<(&str, Vec<(&str, PatternKind)>)> = vec![
            ("Blinken said on Monday.", vec![("Monday", Date)]),
            ("posted February 14, 2022 and 14 Feb 2022", vec![("February 14, 2022", Date), ("14 Feb 2022", Date)]),
            ("I reiterated today that", vec![("today", Date)]),
            ("nearly eight years after", vec![("nearly eight years", Date)]),
            ("three months ago", vec![("three months ago", Date)]),
            ("around 70 kilometres from the border", vec![("70 kilometres", Quantity)]),
            ("more than 100,000 troops near", vec![("more than 100,000 troops", Quantity)]),
            ("only two hours from the border", vec![("two hours", Quantity)]),
            ("between the two countries", vec![]),
            ("rose 3.5% to $5 million", vec![("3.5%", Quantity), ("$5 million", Quantity)]),
            ("20 percent of voters", vec![("20 percent", Quantity)]),
            ("in the 2016 election", vec![("2016", Date)]),
            ("on 1996-08-22 and in the 1990s", vec![("1996-08-22", Date), ("1990s", Date)]),
            ("You may go in May 2020", vec![("May 2020", Date)]),
            ("last year and next week", vec![("last year", Date), ("next week", Date)]),
            ("about 3,000 people died", vec![("3,000 people", Quantity)]),
            ("sent 8,500 additional troops", vec![("8,500 additional troops", Quantity)]),
            ("the 12 of us and 40 in total", vec![]),
        ];
        for (text, want) in cases {
            let want: Vec<(String, PatternKind)> = want.into_iter().map(|(s, k)| (s.to_string(), k)).collect();
            assert_eq!(spans(text), want, "{text}");
        }
    }
}
