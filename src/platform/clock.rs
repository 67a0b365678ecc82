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
