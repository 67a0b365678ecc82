//! The bundled sample article the app opens with.
//!
//! A copy of the corpus sample, compiled in so the app never reads outside
//! its own bundle at run time.

/// The sample article's raw text.
pub const SAMPLE_ARTICLE: &str = include_str!("assets/sample-article.txt");

/// The sample as a document.
///
/// The bundled text is already canonical (a test below says so), so it is
/// not normalised again: that was 5 ms of the app's first render, most of
/// it compiling the normaliser's code on its first call.
pub fn sample_document() -> crate::model::Document {
    crate::model::Document::new(SAMPLE_ARTICLE.to_string(), Some("Sample article"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_text_is_canonical() {
        assert_eq!(crate::text::normalize(SAMPLE_ARTICLE), SAMPLE_ARTICLE);
        assert_eq!(sample_document(), crate::model::Document::from_raw(SAMPLE_ARTICLE, Some("Sample article")));
    }
}
