//! The props every side-panel tab takes, in a module of their own so the
//! panel and the tabs it shows depend on them and not on each other (issue
//! 11: `ui/labels` and `ui/panel` formed a cycle).


use super::shared::Shared;
use yew::prelude::*;

use crate::store::{Action, AppState};

/// Props shared by the tabs.
#[derive(Properties, PartialEq)]
pub struct TabProps {
    /// The state.
    pub state: Shared<AppState>,
    /// Dispatches actions.
    pub dispatch: Callback<Action>,
}

