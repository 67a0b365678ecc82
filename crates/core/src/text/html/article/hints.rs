//! What a container's `class`, `id` and `role` say about it: the word
//! lists extraction weighs. Matching is by substring of the lower-case
//! `class` and `id` together, as publishers compose class names
//! (`article-body__content`, `c-related-links`). Each list's purpose is
//! stated above it; the words are the vocabulary news templates share
//! (Readability.js and trafilatura keep similar lists), not any one page's.

/// Containers that are almost never the story: dropped before scoring
/// unless [`MAYBE`] also matches (`comment-and-article` is a story).
const UNLIKELY: &[&str] = &[
    "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap", "disqus", "extra",
    "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar",
    "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
    "yom-remote", "newsletter", "cookie", "consent",
];

/// Words that rescue an [`UNLIKELY`] match: the container may hold the story.
const MAYBE: &[&str] = &["and", "article", "body", "column", "content", "main", "shadow"];

/// ARIA roles of page furniture.
const UNLIKELY_ROLES: &[&str] = &["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"];

/// Hints of the story's container: +[`CLASS_WEIGHT`].
const POSITIVE: &[&str] = &["article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text", "blog", "story"];

/// Hints of furniture inside or beside the story: −[`CLASS_WEIGHT`].
const NEGATIVE: &[&str] = &[
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead", "media", "meta",
    "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping",
    "tags", "widget", "newsletter", "taboola", "popular", "trending", "recommend",
];

/// Class tokens that mean hidden furniture exactly (`hid`), matched whole.
const NEGATIVE_TOKENS: &[&str] = &["hid"];

/// Hints of an author line.
const BYLINE: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];

/// Hints of share and follow buttons, dropped from inside the story when
/// they hold little text.
const SHARE: &[&str] = &["share", "sharedaddy"];

/// How much one positive or negative hint moves a container's score: a
/// quarter of a strong paragraph cluster, so hints break ties between
/// containers of similar text but do not outvote the text.
pub const CLASS_WEIGHT: f32 = 25.0;

/// True for a container to drop before scoring (by hints or role).
pub fn unlikely(hints: &str, role: &str) -> bool {
    UNLIKELY_ROLES.contains(&role) || (any(hints, UNLIKELY) && !any(hints, MAYBE))
}

/// The class weight of a container: ±[`CLASS_WEIGHT`] per side that
/// matches (class and id together).
pub fn weight(hints: &str) -> f32 {
    let mut w = 0.0;
    if any(hints, NEGATIVE) || hints.split_whitespace().any(|t| NEGATIVE_TOKENS.contains(&t)) {
        w -= CLASS_WEIGHT;
    }
    if any(hints, POSITIVE) {
        w += CLASS_WEIGHT;
    }
    w
}

/// True for an author line's container.
pub fn byline(hints: &str) -> bool {
    any(hints, BYLINE)
}

/// True for a share-buttons container.
pub fn share(hints: &str) -> bool {
    any(hints, SHARE)
}

fn any(hints: &str, words: &[&str]) -> bool {
    !hints.trim().is_empty() && words.iter().any(|w| hints.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hint_table() {
        let cases: &[(&str, &str, bool, f32)] = &[
            ("site-menu", "", true, 0.0),
            ("comments", "", true, -CLASS_WEIGHT),
            ("article-comments-and-more", "", false, 0.0),
            ("story-body", "", false, CLASS_WEIGHT),
            ("x", "navigation", true, 0.0),
            ("hid", "", false, -CLASS_WEIGHT),
            ("", "", false, 0.0),
        ];
        for &(hints, role, unl, w) in cases {
            assert_eq!(unlikely(hints, role), unl, "{hints} {role}");
            assert_eq!(weight(hints), w, "{hints}");
        }
    }
}
