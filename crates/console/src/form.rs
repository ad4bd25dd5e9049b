//! What the console's editing forms share: field messages from the server or a local check,
//! labelled fields that point at their hint and error, reading inputs, and converting between
//! RFC 3339 and the browser's local date-time inputs.

use std::rc::Rc;

use panelcare_model::{FieldError, console::TenantInfo, error::FieldErrorCode};
use wasm_bindgen::JsValue;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::{api::ApiError, console::Console};

/// The field errors of a refusal; empty for any other failure.
pub fn field_errors(e: &ApiError) -> Vec<FieldError> {
    match e {
        ApiError::Refused { error, .. } => error.fields.clone(),
        _ => Vec::new(),
    }
}

/// A new draft belongs to the first tenant in scope. The tenants may arrive after the form
/// opened, so this runs again when they do; a draft that names a tenant keeps it.
#[hook]
pub fn use_first_tenant<D: Clone + 'static>(
    draft: &UseStateHandle<D>,
    tenants: &Rc<Vec<TenantInfo>>,
    tenant_of: fn(&mut D) -> &mut String,
) {
    let draft = draft.clone();
    use_effect_with(tenants.clone(), move |tenants| {
        let mut d = (*draft).clone();
        if tenant_of(&mut d).is_empty()
            && let Some(first) = tenants.first()
        {
            *tenant_of(&mut d) = first.id.clone();
            draft.set(d);
        }
    });
}

/// Where a form shows how a save went: the server's field messages, and anything no field of
/// the form can show.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub errors: UseStateHandle<Vec<FieldError>>,
    pub failure: UseStateHandle<Option<String>>,
}

impl Outcome {
    /// Shows how `saved` went and hands back what was saved; a lost session signs
    /// `console` out. `shown` are the fields the form has a place for.
    pub fn settle<T>(
        &self,
        saved: Result<T, ApiError>,
        shown: &[&str],
        console: &Console,
    ) -> Option<T> {
        let saved = console.settle(saved, |e| {
            self.failure.set(general_message(&e, shown));
            self.errors.set(field_errors(&e));
        });
        if saved.is_some() {
            self.errors.set(Vec::new());
        }
        saved
    }
}

/// A refusal's message when no field of the form can show it (a network failure, a 404, a
/// field this form has no place for), so nothing the server said goes unseen.
pub fn general_message(e: &ApiError, shown: &[&str]) -> Option<String> {
    let fields = field_errors(e);
    if !fields.is_empty()
        && fields
            .iter()
            .all(|f| shown.iter().any(|s| owns(s, &f.field)))
    {
        None
    } else {
        Some(e.message())
    }
}

/// Whether an error on `field` belongs to the input for `name`: the same field or one inside
/// it (`emails.2` belongs to `emails`).
fn owns(name: &str, field: &str) -> bool {
    field == name
        || field
            .strip_prefix(name)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// The message for the input of `name`, if any error belongs to it.
pub fn message<'a>(errors: &'a [FieldError], name: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|e| owns(name, &e.field))
        .map(|e| e.message.as_str())
}

/// A locally found problem, worded like the server's.
pub fn problem(field: &str, code: FieldErrorCode, text: &str) -> FieldError {
    FieldError::new(field, code, text)
}

/// What `aria-describedby` lists for an input `id` with or without a hint and an error.
pub fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let parts: Vec<String> = [(hint, "hint"), (error, "error")]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, what)| format!("{id}-{what}"))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The error paragraph under an input (nothing without an error).
pub fn error_line(id: &str, error: Option<&str>) -> Html {
    match error {
        Some(m) => html! { <p class="c-field-error" id={format!("{id}-error")}>{ m }</p> },
        None => html! {},
    }
}

/// A labelled field: the label, the control (which names its hint and error with
/// [`described_by`]), the hint and the error.
pub fn field(
    id: &str,
    label: &str,
    control: Html,
    hint: Option<&str>,
    error: Option<&str>,
) -> Html {
    html! {
        <div class={if error.is_some() { "c-field c-invalid" } else { "c-field" }}>
            <label for={id.to_owned()}>{ label }</label>
            { control }
            if let Some(h) = hint {
                <p class="c-hint" id={format!("{id}-hint")}>{ h }</p>
            }
            { error_line(id, error) }
        </div>
    }
}

pub fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

pub fn textarea_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlTextAreaElement>().value()
}

pub fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

pub fn checked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

/// A `YYYY-MM-DDTHH:MM` value in the browser's time zone for `date`.
fn local_value(date: &js_sys::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// RFC 3339 → the value of an `<input type="datetime-local">` (empty if unreadable).
pub fn to_local_input(rfc3339: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        String::new()
    } else {
        local_value(&date)
    }
}

/// The local input value `minutes` from now, on a whole minute.
pub fn local_input_in(minutes: f64) -> String {
    let at = js_sys::Date::now() + minutes * 60_000.0;
    local_value(&js_sys::Date::new(&JsValue::from_f64(at)))
}

/// An `<input type="datetime-local">` value (the browser's zone) → RFC 3339 in UTC.
pub fn from_local_input(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    // A date-time without an offset is read as local time, which is what the input means.
    let date = js_sys::Date::new(&JsValue::from_str(value));
    (!date.get_time().is_nan()).then(|| String::from(date.to_iso_string()))
}

/// The browser's IANA time zone, e.g. `Europe/Belgrade` (empty if it will not say).
pub fn local_zone() -> String {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
        .ok()
        .and_then(|z| z.as_string())
        .unwrap_or_default()
}

/// Minutes as people say them: "45 min", "4 h", "1 h 30 min".
pub fn span(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}
