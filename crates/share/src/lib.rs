//! Sharing an article's annotations with a team, offline first (issue 22).
//!
//! Layers, each using only those above it in this list:
//! - [`error`]: one opaque error with an [`ErrorKind`];
//! - [`keys`]: write and read keys, and the room they name;
//! - [`link`]: the share link's fragment;
//! - [`frame`]: Hocuspocus' wire protocol;
//! - [`model`]: the annotations as a Yjs document (yrs), and the rule for a
//!   delete concurrent with an edit;
//! - [`presence`]: who else is here and where their selection is (awareness);
//! - [`session`]: one connection to a room, as a state machine without I/O.
//!
//! Everything here is plain Rust: the browser shell opens the WebSocket,
//! reads random bytes and the clock, and passes them in.

pub mod error;
pub mod frame;
pub mod keys;
pub mod link;
pub mod model;
pub mod presence;
pub mod session;

#[cfg(test)]
mod session_tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod robustness_tests;

pub use error::{ErrorKind, ShareError};
pub use keys::{Access, Key, RoomName};
pub use link::{ServerUrl, ShareLink};
pub use model::{Materialized, SharedArticle, SharedDoc};
pub use presence::Presence;
pub use session::{Phase, Session, Status, Step};
