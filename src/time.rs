//! "3 days ago" in the widget's language, by the browser's `Intl` (which knows every
//! language's plural rules and costs the wasm nothing).

use panelcare_model::Lang;
use wasm_bindgen::JsValue;

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
    let locales = js_sys::Array::of1(&JsValue::from_str(lang.tag()));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"numeric".into(), &"auto".into());
    let format = js_sys::Intl::RelativeTimeFormat::new(&locales, &options);
    format.format(-value, unit).into()
}

/// The full date and time, for the `title` and `datetime` of a `<time>` element.
pub fn full(lang: Lang, rfc3339: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    date.to_locale_string(lang.tag(), &JsValue::UNDEFINED)
        .into()
}
