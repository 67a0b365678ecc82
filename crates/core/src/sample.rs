//! The bundled sample article the app opens with.
//!
//! A copy of the corpus sample, compiled in so the app never reads outside
//! its own bundle at run time.

/// The sample article's raw text.
pub const SAMPLE_ARTICLE: &str = include_str!("assets/sample-article.txt");

/// The sample as a document.
pub fn sample_document() -> crate::model::Document {
    crate::model::Document::from_raw(SAMPLE_ARTICLE, Some("Sample article"))
}
