//! Time and fresh identifiers from the browser.

use crate::model::{AnnotationId, LabelId, Timestamp};

/// Now, in milliseconds since the Unix epoch.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// 64 random bits from `crypto.getRandomValues`, or `Math.random` when the
/// Web Crypto API is unavailable.
pub fn random_u64() -> u64 {
    let mut bytes = [0u8; 8];
    let crypto_ok = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if crypto_ok {
        u64::from_le_bytes(bytes)
    } else {
        let hi = (js_sys::Math::random() * 4_294_967_296.0) as u64;
        let lo = (js_sys::Math::random() * 4_294_967_296.0) as u64;
        (hi << 32) | lo
    }
}

/// A fresh annotation ID: `a-<time base36>-<random base36>`.
pub fn new_annotation_id() -> AnnotationId {
    let id = format!("a-{}-{}", base36(now().0.max(0) as u64), base36(random_u64() >> 16));
    AnnotationId::parse(&id).unwrap_or_else(|_| AnnotationId::derived_from("a-", &id))
}

/// A fresh label ID.
pub fn new_label_id() -> LabelId {
    let id = format!("l-{}", base36(random_u64() >> 16));
    LabelId::parse(&id).unwrap_or_else(|_| LabelId::derived_from("l-", &id))
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A high-resolution time in milliseconds for measuring durations
/// (`performance.now()`, or the wall clock where it is missing).
pub fn precise_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now())
}

/// 16 bytes from `crypto.getRandomValues`, for a secret (a share link's
/// write key); `None` without the Web Crypto API: a secret never comes from
/// `Math.random`.
pub fn secret_bytes() -> Option<[u8; 16]> {
    let mut bytes = [0u8; 16];
    web_sys::window()?.crypto().ok()?.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes)
}

/// A callback in a task of its own, as soon as the browser gets to it: the
/// next slice of a long render (issue 20). A zero-delay timeout set from a
/// timeout's callback is clamped to at least 4 ms once such timeouts nest
/// five deep (HTML's timer initialisation steps), and a heavy reload's
/// progressive build is a chain of about twenty: measured with in-page marks,
/// analysis shown to every block built took 683–730 ms this way against
/// 883–888 ms with timeouts (docs/performance.md, "Where a heavy reload's time goes").
/// A `MessageChannel` message is a task without the clamp; the browser
/// still handles input and paints between two of them. Dropped before it
/// runs, the callback does not run.
pub struct NextTask {
    /// The receiving end, closed on drop so a pending message is dropped.
    port: Option<web_sys::MessagePort>,
    /// Where the browser makes no channel: a zero-delay timeout instead.
    _timeout: Option<gloo::timers::callback::Timeout>,
    _closure: Option<wasm_bindgen::closure::Closure<dyn FnMut()>>,
}

impl NextTask {
    /// Runs `f` in a later task unless dropped first.
    pub fn new(f: impl FnOnce() + 'static) -> NextTask {
        use wasm_bindgen::JsCast;
        let Ok(channel) = web_sys::MessageChannel::new() else {
            return NextTask { port: None, _timeout: Some(gloo::timers::callback::Timeout::new(0, f)), _closure: None };
        };
        let mut f = Some(f);
        let closure = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            if let Some(f) = f.take() {
                f();
            }
        });
        let port = channel.port1();
        port.set_onmessage(Some(closure.as_ref().unchecked_ref()));
        // Only a wake-up is sent; `null` always clones.
        let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
        NextTask { port: Some(port), _timeout: None, _closure: Some(closure) }
    }
}

impl Drop for NextTask {
    fn drop(&mut self) {
        if let Some(port) = self.port.take() {
            port.set_onmessage(None);
            port.close();
        }
    }
}
