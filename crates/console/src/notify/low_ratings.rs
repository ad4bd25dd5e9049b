//! Who hears about low ratings (a suggestion, or a resolved ticket, rated 1–2 ★), and in
//! which language their e-mails are written. Empty addresses: the ticket addresses.

use std::rc::Rc;

use panelcare_model::{FieldError, Lang, alerts::texts::fill, notify::EMAILS_MAX};
use yew::prelude::*;

use super::form::email_errors;
use crate::{
    alerts::lang::{attr, texts},
    form::{self, described_by, field},
    text,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct LowRatingsProps {
    /// The addresses as typed, one a line.
    pub emails: AttrValue,
    /// `en`, `ru` or `sr-Latn`.
    pub language: AttrValue,
    pub errors: Rc<Vec<FieldError>>,
    pub on_emails: Callback<String>,
    pub on_language: Callback<String>,
}

#[component]
pub fn LowRatings(props: &LowRatingsProps) -> Html {
    let t = texts();
    let emails_error = email_errors(&props.errors, "low_rating_emails", &props.emails);
    let language_error = form::message(&props.errors, "alert_language");
    let hint = fill(t.emails_hint, &[("max", &EMAILS_MAX.to_string())]);
    let on_emails = props
        .on_emails
        .reform(|e: InputEvent| form::textarea_value(&e));
    let on_language = props.on_language.reform(|e: Event| form::select_value(&e));
    html! {
        <fieldset class="c-fieldset c-low-ratings" lang={attr()}>
            <legend>{ t.settings_title }</legend>
            <p class="c-hint">{ t.settings_hint }</p>
            { field("c-nt-low-emails", t.emails_label, html! {
                <textarea id="c-nt-low-emails" rows="2" value={props.emails.clone()} placeholder="support-lead@example.com"
                    aria-invalid={emails_error.as_ref().map(|_| "true")}
                    aria-describedby={described_by("c-nt-low-emails", true, emails_error.is_some())}
                    oninput={on_emails} />
            }, Some(&hint), emails_error.as_deref()) }
            { field("c-nt-language", t.language_label, html! {
                <select id="c-nt-language" onchange={on_language}
                    aria-invalid={language_error.map(|_| "true")}
                    aria-describedby={described_by("c-nt-language", false, language_error.is_some())}>
                    { for Lang::ALL.iter().map(|l| html! {
                        <option value={l.tag()} selected={props.language == l.tag()} lang={l.tag()}>{ text::language(l.tag()) }</option>
                    }) }
                </select>
            }, None, language_error) }
        </fieldset>
    }
}
