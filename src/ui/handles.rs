//! What the app's hooks and commands share: storage, the latest state (for
//! event handlers that run after the render that made them) and the
//! dispatcher of actions.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::reducer::Reduced;
use super::shell::Storage;
use crate::store::{Action, AppState, Notice};

/// Shared handles, cheap to clone.
#[derive(Clone)]
pub struct AppHandles {
    /// Browser storage (or none).
    pub kv: Storage,
    /// The state as of the last render.
    pub latest: Rc<RefCell<Rc<AppState>>>,
    /// Sends actions to the store.
    pub dispatcher: UseReducerDispatcher<Reduced>,
}

impl AppHandles {
    /// The current state.
    pub fn state(&self) -> Rc<AppState> {
        self.latest.borrow().clone()
    }

    /// Dispatches `action`.
    pub fn send(&self, action: Action) {
        self.dispatcher.dispatch(action);
    }
}

/// An action showing `text` as an error.
pub fn error(text: impl Into<String>) -> Action {
    Action::Notify { notice: Notice::error(text) }
}

/// An action showing `text` as information.
pub fn info(text: impl Into<String>) -> Action {
    Action::Notify { notice: Notice::info(text) }
}
