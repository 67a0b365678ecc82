//! The store as yew's reducer. The state and its one `apply` function live
//! in the core crate, and Rust's orphan rule forbids implementing yew's
//! `Reducible` for a core type here, so a newtype carries it. It holds the
//! state behind an `Rc`, so handing the current state to components and
//! effects is a pointer copy, never a clone of the document.

use std::ops::Deref;
use std::rc::Rc;

use yew::Reducible;

use crate::store::{apply, Action, AppState};

/// The application state as the app's `use_reducer` holds it.
pub struct Reduced(pub Rc<AppState>);

impl Reducible for Reduced {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Reduced(Rc::new(apply(&self.0, action))))
    }
}

impl Deref for Reduced {
    type Target = AppState;
    fn deref(&self) -> &AppState {
        &self.0
    }
}
