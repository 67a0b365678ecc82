//! Labels: the categories annotations are filed under, per document.

use super::error::{InvalidKind, InvalidValue};
use serde::{Deserialize, Serialize};

use super::ids::LabelId;

/// A colour as `#rrggbb` (lowercase).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Color(String);

impl Color {
    /// Accepts `#rgb` or `#rrggbb` in any case.
    pub fn parse(s: &str) -> Result<Color, InvalidValue> {
        let hex = s.strip_prefix('#').unwrap_or("");
        let valid = hex.bytes().all(|b| b.is_ascii_hexdigit());
        match hex.len() {
            6 if valid => Ok(Color(format!("#{}", hex.to_ascii_lowercase()))),
            3 if valid => Ok(Color(format!("#{}", hex.chars().flat_map(|c| [c, c]).collect::<String>().to_ascii_lowercase()))),
            _ => Err(InvalidValue::new(InvalidKind::Color, format!("“{}” is not a colour like #1f77b4", s.chars().take(20).collect::<String>()))),
        }
    }

    /// `#rrggbb`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Red, green and blue components.
    pub fn rgb(&self) -> (u8, u8, u8) {
        let c = |i: usize| u8::from_str_radix(&self.0[i..i + 2], 16).unwrap_or(0);
        (c(1), c(3), c(5))
    }

    /// The colour at `alpha` opacity as CSS `rgba(...)`.
    pub fn css_rgba(&self, alpha: f32) -> String {
        let (r, g, b) = self.rgb();
        format!("rgba({r}, {g}, {b}, {alpha})")
    }
}

impl TryFrom<String> for Color {
    type Error = InvalidValue;
    fn try_from(s: String) -> Result<Self, InvalidValue> {
        Color::parse(&s)
    }
}

impl From<Color> for String {
    fn from(c: Color) -> String {
        c.0
    }
}

/// A label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Stable identity; renaming keeps it.
    pub id: LabelId,
    /// Display name (also the tag in W3C exports and the span label in JSONL).
    pub name: String,
    /// Highlight colour.
    pub color: Color,
}

/// Longest label name, in characters.
pub const MAX_LABEL_NAME: usize = 60;

/// A palette of distinguishable highlight colours for new labels.
pub const PALETTE: &[&str] = &[
    "#f2c94c", "#56ccf2", "#6fcf97", "#eb5757", "#bb6bd9", "#f2994a", "#2d9cdb", "#27ae60", "#9b51e0", "#e0a3c4", "#8d6e63", "#4dd0e1",
];

/// The label set a new document starts with: general reading labels plus
/// the entity types NER annotators use.
pub fn default_labels() -> Vec<Label> {
    let defs: &[(&str, &str, &str)] = &[
        ("note", "Note", "#f2c94c"),
        ("claim", "Claim", "#f2994a"),
        ("check", "Needs checking", "#eb5757"),
        ("evidence", "Evidence", "#6fcf97"),
        ("question", "Question", "#bb6bd9"),
        ("person", "PERSON", "#56ccf2"),
        ("place", "PLACE", "#27ae60"),
        ("org", "ORG", "#2d9cdb"),
        ("misc", "MISC", "#e0a3c4"),
    ];
    defs.iter()
        .map(|(id, name, color)| Label {
            id: LabelId::parse(id).unwrap_or_else(|_| LabelId::derived_from("l-", id)),
            name: (*name).to_string(),
            color: Color::parse(color).unwrap_or_else(|_| Color("#f2c94c".to_string())),
        })
        .collect()
}

/// True for characters a label name never keeps: control characters (NUL,
/// escapes, line breaks) and the bidirectional overrides and isolates that
/// can make a name display as something else (U+202A–U+202E, U+2066–U+2069).
/// Joiners stay: emoji sequences need them.
fn is_hidden_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A label name without hidden control characters, whitespace collapsed
/// (what every name read from a file or typed becomes).
pub fn visible_label_name(name: &str) -> String {
    let name: String = name.chars().map(|c| if c == '\t' || c == '\n' || c == '\r' { ' ' } else { c }).filter(|c| !is_hidden_control(*c)).collect();
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks a user-entered label name: no control characters, trimmed, 1 to
/// 60 characters.
pub fn clean_label_name(name: &str) -> Result<String, InvalidValue> {
    let name = visible_label_name(name);
    if name.is_empty() {
        Err(InvalidValue::new(InvalidKind::LabelName, "A label needs a name.".to_string()))
    } else if name.chars().count() > MAX_LABEL_NAME {
        Err(InvalidValue::new(InvalidKind::LabelName, format!("Label names are at most {MAX_LABEL_NAME} characters.")))
    } else {
        Ok(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colors() {
        assert_eq!(Color::parse("#ABC").unwrap().as_str(), "#aabbcc");
        assert_eq!(Color::parse("#1F77B4").unwrap().rgb(), (0x1f, 0x77, 0xb4));
        for bad in ["", "red", "#12345", "#ggg", "1f77b4", "javascript:alert(1)"] {
            assert!(Color::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(default_labels().len(), 9);
        assert_eq!(clean_label_name("  Two   words "), Ok("Two words".to_string()));
        assert!(clean_label_name("   ").is_err());
        // Issue 10, item 7: NUL, escapes and bidi overrides were kept.
        assert_eq!(clean_label_name("Claim\u{0}\u{1b}[31m\u{202e}X"), Ok("Claim[31mX".to_string()));
        assert_eq!(clean_label_name("a\tb\nc"), Ok("a b c".to_string()));
        assert_eq!(clean_label_name("👩\u{200d}🔬 Science"), Ok("👩\u{200d}🔬 Science".to_string()));
        assert!(clean_label_name("\u{0}\u{7}").is_err());
    }
}
