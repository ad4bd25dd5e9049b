//! "3 days ago" in the widget's language, by the browser's `Intl` (which knows every
//! language's plural rules and costs the wasm nothing).

use std::{cell::RefCell, thread::LocalKey};

use js_sys::Intl::{DateTimeFormat, RelativeTimeFormat};
use panelcare_model::Lang;
use wasm_bindgen::JsValue;

// A formatter is costly to make and a thread of 500 messages asks for a thousand: each is
// made once per language and kept.
thread_local! {
    static AGO: RefCell<Option<(Lang, RelativeTimeFormat)>> = const { RefCell::new(None) };
    static FULL: RefCell<Option<(Lang, DateTimeFormat)>> = const { RefCell::new(None) };
}

/// The formatter in `cache` for `lang`, made by `make` from the locale list when missing.
fn kept<T: Clone>(
    cache: &'static LocalKey<RefCell<Option<(Lang, T)>>>,
    lang: Lang,
    make: impl FnOnce(&js_sys::Array) -> T,
) -> T {
    cache.with(|c| {
        let mut c = c.borrow_mut();
        match &*c {
            Some((l, f)) if *l == lang => f.clone(),
            _ => {
                let f = make(&js_sys::Array::of1(&JsValue::from_str(lang.tag())));
                *c = Some((lang, f.clone()));
                f
            }
        }
    })
}

/// `rfc3339` relative to now, e.g. "5 minutes ago" / "5 минут назад".
pub fn ago(lang: Lang, rfc3339: &str) -> String {
    let then = js_sys::Date::parse(rfc3339);
    if then.is_nan() {
        return String::new();
    }
    let secs = ((js_sys::Date::now() - then) / 1000.0).max(0.0);
    let (value, unit) = match secs {
        s if s < 45.0 => (0.0, "second"),
        s if s < 3600.0 => ((s / 60.0).round().max(1.0), "minute"),
        s if s < 86_400.0 => ((s / 3600.0).round(), "hour"),
        s if s < 30.0 * 86_400.0 => ((s / 86_400.0).round(), "day"),
        s if s < 365.0 * 86_400.0 => ((s / (30.0 * 86_400.0)).round(), "month"),
        s => ((s / (365.0 * 86_400.0)).round(), "year"),
    };
    let format = kept(&AGO, lang, |locales| {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"numeric".into(), &"auto".into());
        RelativeTimeFormat::new(locales, &options)
    });
    format.format(-value, unit).into()
}

/// The full date and time, for the `title` and `datetime` of a `<time>` element.
pub fn full(lang: Lang, rfc3339: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    let format = kept(&FULL, lang, |locales| {
        // Date and minutes: seconds mean nothing to a customer reading a notice or a thread.
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
        let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
        DateTimeFormat::new(locales, &options)
    });
    format
        .format()
        .call1(&JsValue::NULL, &date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// `rfc3339` ahead of now, e.g. "in 58 minutes" / "через 58 минут"; past times read "now".
pub fn until(lang: Lang, rfc3339: &str) -> String {
    let then = js_sys::Date::parse(rfc3339);
    if then.is_nan() {
        return String::new();
    }
    let secs = ((then - js_sys::Date::now()) / 1000.0).max(0.0);
    let (value, unit) = if secs < 3600.0 {
        ((secs / 60.0).ceil().max(1.0), "minute")
    } else if secs < 48.0 * 3600.0 {
        ((secs / 3600.0).round(), "hour")
    } else {
        ((secs / 86_400.0).round(), "day")
    };
    let locales = js_sys::Array::of1(&JsValue::from_str(lang.tag()));
    let format = js_sys::Intl::RelativeTimeFormat::new(&locales, &js_sys::Object::new());
    format.format(value, unit).into()
}

/// A length of time in words, e.g. "1 hour", "12 часов", "30 minuta".
pub fn duration(lang: Lang, minutes: u32) -> String {
    let (value, unit) = if minutes.is_multiple_of(60) {
        (minutes / 60, "hour")
    } else {
        (minutes, "minute")
    };
    let locales = js_sys::Array::of1(&JsValue::from_str(lang.tag()));
    let options = js_sys::Object::new();
    for (k, v) in [("style", "unit"), ("unit", unit), ("unitDisplay", "long")] {
        let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
    }
    let format = js_sys::Intl::NumberFormat::new(&locales, &options);
    format
        .format()
        .call1(&JsValue::NULL, &JsValue::from(value))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| value.to_string())
}
