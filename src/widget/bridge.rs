//! What the JavaScript handle and the widget's components share: the
//! app's handles (latest state, dispatcher) once the root has rendered —
//! for `export()` and `import()` — and the host's event callback.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use crate::store::{Action, AppState};
use crate::ui::handles::AppHandles;

/// Shared between the handle and the root component; cheap to clone.
#[derive(Clone)]
pub struct Bridge {
    handles: Rc<RefCell<Option<AppHandles>>>,
    emit: Option<js_sys::Function>,
}

impl Bridge {
    /// A bridge reporting events through `emit(type, detailJson)` (none:
    /// nobody listens, as in the extension's frame).
    pub fn new(emit: Option<js_sys::Function>) -> Bridge {
        Bridge { handles: Rc::default(), emit }
    }

    /// Records the handles of a render.
    pub fn publish(&self, handles: &AppHandles) {
        *self.handles.borrow_mut() = Some(handles.clone());
    }

    /// The latest state, once the widget has rendered.
    pub fn state(&self) -> Option<Rc<AppState>> {
        self.handles.borrow().as_ref().map(AppHandles::state)
    }

    /// Dispatches `action`; false before the first render.
    pub fn send(&self, action: Action) -> bool {
        let handles = self.handles.borrow().clone();
        handles.map(|h| h.send(action)).is_some()
    }

    /// Tells the host page about a change (`annotationcreated`, …). A
    /// throwing listener is the host's problem, never the widget's.
    pub fn emit(&self, event: &str, detail: &str) {
        if let Some(f) = &self.emit {
            f.call2(&JsValue::NULL, &JsValue::from_str(event), &JsValue::from_str(detail)).ok();
        }
    }
}
