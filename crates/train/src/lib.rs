//! Training and evaluation of Marginalia's analysis engine, apart from the
//! engine itself (`marginalia-core`), which ships to the browser and holds
//! only what analysing a text needs. The engine exposes what these need:
//! its tokens, features, tagger model and speaker ranker.
//!
//! - [`train`]: the name tagger's structured perceptron (both passes);
//! - [`ranker`] and [`speakers`]: the speaker ranker's perceptron, and its
//!   training run and cross-validation;
//! - [`eval`]: scoring against gold files (entities, quotations, speakers);
//! - [`folds`]: the name tagger's cross-validation on `train` (`train
//!   --folds`), its fold models kept between runs;
//! - [`cli`]: the command line's work — reading corpora, training and
//!   scoring runs with their printed reports, and the JSON `analyze` prints.

pub mod cli;
pub mod eval;
pub mod folds;
pub mod ranker;
pub mod speakers;
pub mod train;
