//! The props every side-panel tab takes, in a module of their own so the
//! panel and the tabs it shows depend on them and not on each other (issue
//! 11: `ui/labels` and `ui/panel` formed a cycle).

use std::rc::Rc;

use yew::prelude::*;

use crate::store::{Action, AppState};

/// Props shared by the tabs.
#[derive(Properties)]
pub struct TabProps {
    /// The state.
    pub state: Rc<AppState>,
    /// Dispatches actions.
    pub dispatch: Callback<Action>,
}

impl PartialEq for TabProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.state, &other.state) && self.dispatch == other.dispatch
    }
}

