//! [`Later`]: a part of the page that the first screen does not need,
//! built one task after the rest.
//!
//! Why: the app's first render was one task of 45–75 ms on the test VM
//! (most of it V8 compiling each function the first time it runs), over
//! issue 20's 50 ms bar for any task during start-up. The panel's tab body
//! (the notes list, the find box, the entity lists) is beside the article,
//! not in it, so it comes in the next task: the browser paints the article
//! and handles input in between.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// Props of [`Later`].
#[derive(Properties, PartialEq)]
pub struct LaterProps {
    /// What to build one task after the first render.
    pub children: Html,
}

/// Renders nothing on its first render and its children from the next
/// task on (a timer of 0 ms, dropped if the component goes first).
#[function_component(Later)]
pub fn later(props: &LaterProps) -> Html {
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            let timer = (!*ready).then(|| Timeout::new(0, move || ready.set(true)));
            move || drop(timer)
        });
    }
    if *ready {
        props.children.clone()
    } else {
        Html::default()
    }
}
