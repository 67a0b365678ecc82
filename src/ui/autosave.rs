//! The one place that saves: a hook that watches the state and writes the
//! open document when it has unsaved changes, at most every 300 ms, and at
//! once when the page is hidden or closed. Work parked by a document switch
//! (`store::outbox`) is written as soon as it appears. It also follows
//! other tabs through the `storage` event.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::shell::Storage;
use crate::platform::clock::now;
use crate::ui::reducer::Reduced;
use crate::store::kv::QUOTA_UNITS;
use crate::store::persist::{self, RecordError, SaveError};
use crate::store::outbox::{OutboxResult, SaveSeq};
use crate::store::{Action, AppState, SaveStatus};

/// Longest wait between a change and its save, in milliseconds.
pub const SAVE_DELAY_MS: u32 = 300;

/// Saves the latest state now if it needs saving.
fn save_now(latest: &Rc<RefCell<Rc<AppState>>>, kv: &Storage, dispatch: &UseReducerDispatcher<Reduced>) {
    let s = latest.borrow().clone();
    let Some(kv) = kv.as_ref() else { return };
    if !s.dirty() || !s.sync.can_write() {
        return;
    }
    match persist::save_doc(kv, &s.doc.document, &s.data, s.sync.rev, now(), s.sync.overwrite_next) {
        Ok(rev) => {
            dispatch.dispatch(Action::Saved { hash: s.doc.document.hash.clone(), version: s.version, rev, at: now() });
            let _ = persist::set_last_doc(kv, &s.doc.document.hash);
            if let Ok(used) = persist::usage(kv) {
                dispatch.dispatch(Action::UsageMeasured { fraction: used as f32 / QUOTA_UNITS as f32 });
            }
        }
        Err(error) => dispatch.dispatch(Action::SaveFailed { version: s.version, error }),
    }
}

/// Writes the parked saves not written yet (`written` is the newest
/// sequence already tried, so each is written once) and reports back.
fn flush_outbox(latest: &Rc<RefCell<Rc<AppState>>>, kv: &Storage, written: &Cell<SaveSeq>, dispatch: &UseReducerDispatcher<Reduced>) {
    let s = latest.borrow().clone();
    let Some(kv) = kv.as_ref() else { return };
    let fresh: Vec<_> = s.outbox.items().iter().filter(|p| p.seq > written.get()).collect();
    if fresh.is_empty() {
        return;
    }
    written.set(s.outbox.last_seq());
    let at = now();
    let results = fresh
        .into_iter()
        .map(|p| OutboxResult { seq: p.seq, outcome: persist::save_doc(kv, &p.doc.document, &p.data, p.base_rev, at, p.overwrite) })
        .collect();
    dispatch.dispatch(Action::OutboxSaved { results, at });
}

/// Writes work parked by a document switch at once (it has already waited
/// for the debounce it was cut short in); returns the newest sequence
/// written, which the flush on hide shares.
#[hook]
fn use_outbox_writer(
    state: &AppState,
    latest: &Rc<RefCell<Rc<AppState>>>,
    dispatch: &UseReducerDispatcher<Reduced>,
    kv: &Storage,
) -> Rc<Cell<SaveSeq>> {
    let written: Rc<Cell<SaveSeq>> = use_memo((), |_| Cell::new(SaveSeq(0)));
    let (latest, kv, dispatch, w) = (latest.clone(), kv.clone(), dispatch.clone(), written.clone());
    use_effect_with(state.outbox.last_seq(), move |_| flush_outbox(&latest, &kv, &w, &dispatch));
    written
}

/// Remembers the open document for the next visit (when it is kept).
#[hook]
fn use_remember_last(state: &AppState, kv: &Storage) {
    let kv = kv.clone();
    let keep = state.sync.keep && state.sync.can_write();
    use_effect_with((state.doc.document.hash.clone(), keep), move |(hash, keep)| {
        if let (Some(kv), true) = (kv.as_ref(), *keep) {
            let _ = persist::set_last_doc(kv, hash);
        }
    });
}

/// Keeps the open document saved. `state` is this render's state and
/// `latest` the cell the app keeps it in (read when a timer fires).
#[hook]
pub fn use_autosave(state: &AppState, latest: Rc<RefCell<Rc<AppState>>>, dispatch: UseReducerDispatcher<Reduced>, kv: Storage) {
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let written = use_outbox_writer(state, &latest, &dispatch, &kv);
    use_save_timer(state, &latest, &timer, &dispatch, &kv);
    use_remember_last(state, &kv);
    use_flush_on_leave(&latest, &timer, written, &dispatch, &kv);
    use_other_tabs(&latest, &dispatch, &kv);
}

/// Schedules a save [`SAVE_DELAY_MS`] after a change, when there is
/// something to save and it can be written.
#[hook]
fn use_save_timer(state: &AppState, latest: &Rc<RefCell<Rc<AppState>>>, timer: &Rc<RefCell<Option<Timeout>>>, dispatch: &UseReducerDispatcher<Reduced>, kv: &Storage) {
    let (latest, timer, kv, dispatch) = (latest.clone(), timer.clone(), kv.clone(), dispatch.clone());
    let deps = (state.version, state.dirty(), state.sync.can_write(), state.doc.document.hash.clone());
    use_effect_with(deps, move |(_, dirty, can_write, _)| {
        if *dirty && *can_write && timer.borrow().is_none() {
            let t2 = timer.clone();
            *timer.borrow_mut() = Some(Timeout::new(SAVE_DELAY_MS, move || {
                t2.borrow_mut().take();
                save_now(&latest, &kv, &dispatch);
            }));
        }
    });
}

/// Saves at once when the page is hidden or closed (a pending timer would
/// never fire), and asks before closing while work would be lost.
#[hook]
fn use_flush_on_leave(
    latest: &Rc<RefCell<Rc<AppState>>>,
    timer: &Rc<RefCell<Option<Timeout>>>,
    written: Rc<Cell<SaveSeq>>,
    dispatch: &UseReducerDispatcher<Reduced>,
    kv: &Storage,
) {
    let (latest, timer, kv, dispatch) = (latest.clone(), timer.clone(), kv.clone(), dispatch.clone());
    use_effect_with((), move |_| {
        let window = gloo::utils::window();
        let flush = {
            let latest = latest.clone();
            Rc::new(move || {
                if let Some(t) = timer.borrow_mut().take() {
                    t.cancel();
                }
                flush_outbox(&latest, &kv, &written, &dispatch);
                save_now(&latest, &kv, &dispatch);
            })
        };
        let on_hide = {
            let flush = flush.clone();
            EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                if gloo::utils::document().visibility_state() == web_sys::VisibilityState::Hidden {
                    flush();
                }
            })
        };
        let on_pagehide = EventListener::new(&window, "pagehide", move |_| flush());
        let on_beforeunload = EventListener::new_with_options(&window, "beforeunload", EventListenerOptions::enable_prevent_default(), move |e| {
            let s = latest.borrow().clone();
            // Only while work would be lost: not always (bfcache).
            let at_risk = (s.dirty() && matches!(s.save_status(), SaveStatus::Failed | SaveStatus::Paused)) || !s.outbox.is_empty();
            if at_risk {
                e.prevent_default();
                if let Some(ev) = e.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                    ev.set_return_value("Your latest changes are not saved.");
                }
            }
        });
        move || drop((on_hide, on_pagehide, on_beforeunload))
    });
}

/// Follows other tabs through `storage` events: their saves of this
/// article, a cleared storage, a changed library.
#[hook]
fn use_other_tabs(latest: &Rc<RefCell<Rc<AppState>>>, dispatch: &UseReducerDispatcher<Reduced>, kv: &Storage) {
    let (latest, kv, dispatch) = (latest.clone(), kv.clone(), dispatch.clone());
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::window(), "storage", move |e| {
            let (Some(ev), Some(kv)) = (e.dyn_ref::<web_sys::StorageEvent>(), kv.as_ref()) else { return };
            for action in storage_event_actions(ev, kv, &latest.borrow()) {
                dispatch.dispatch(action);
            }
        });
        move || drop(listener)
    });
}

/// What another tab's write to storage means for this tab.
fn storage_event_actions(ev: &web_sys::StorageEvent, kv: &crate::platform::storage::LocalStorage, s: &AppState) -> Vec<Action> {
    let library = || crate::ui::shell::library_action(kv);
    let cleared = || s.sync.keep.then_some(Action::RemoteCleared);
    match ev.key() {
        // The whole storage was cleared.
        None => cleared().into_iter().chain([library()]).collect(),
        Some(key) if key == persist::doc_key(&s.doc.document.hash) => match ev.new_value() {
            Some(raw) => match persist::decode_record(&raw) {
                Ok(rec) => vec![Action::RemoteUpdate { data: rec.data, rev: rec.rev }],
                Err(RecordError::NewerSchema(v)) => vec![Action::SaveFailed { version: s.version, error: SaveError::NewerSchema(v) }],
                Err(RecordError::Corrupt(_)) => Vec::new(),
            },
            None => cleared().into_iter().collect(),
        },
        Some(key) if key == persist::INDEX_KEY || crate::store::page::is_page_key(&key) => vec![library()],
        _ => Vec::new(),
    }
}
