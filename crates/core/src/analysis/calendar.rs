//! Weekday and month names, shared by the date patterns, the naming
//! conventions and attribution (a calendar word is never a name or a
//! speaker). One list each, lower case.

use super::words::{word_set, WordSet};

/// Weekday names.
pub static WEEKDAYS: WordSet = word_set!["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Month names in full.
pub static MONTHS: WordSet = word_set![
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
];

/// Month abbreviations as datelines and captions write them ("Dec 3").
/// `Mar` and `May` are left out: both are also names.
pub static MONTH_ABBREVIATIONS: WordSet = word_set![
    "jan", "jan.", "feb", "feb.", "apr", "apr.", "jun", "jun.", "jul", "jul.", "aug", "aug.", "sep", "sep.", "sept", "sept.",
    "oct", "oct.", "nov", "nov.", "dec", "dec.",
];

/// A weekday or a month written in full (lower case).
pub fn is_day_or_month(w: &str) -> bool {
    WEEKDAYS.contains(w) || MONTHS.contains(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_words() {
        assert!(is_day_or_month("monday") && is_day_or_month("may") && is_day_or_month("december"));
        assert!(!is_day_or_month("Monday") && !is_day_or_month("dec") && !is_day_or_month("mayor"));
        assert!(MONTH_ABBREVIATIONS.contains("sept.") && !MONTH_ABBREVIATIONS.contains("may"));
    }
}
