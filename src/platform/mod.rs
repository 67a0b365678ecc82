//! The thin browser layer: the only code besides `ui` that touches
//! `web_sys`, `js_sys`, `gloo` or `wasm_bindgen`. Each function wraps one
//! browser capability and returns plain Rust values or error values with a
//! message a user can act on; nothing here panics on browser input.

pub mod clock;
pub mod dom;
pub mod download;
pub mod file;
pub mod formats;
pub mod highlights;
pub mod host;
pub mod html;
pub mod lazy;
pub mod selection;
pub mod share;
pub mod storage;
pub mod styles;
pub mod worker;
