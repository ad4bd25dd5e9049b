//! The feedback form: topic, message, optional rating. A view of the draft; the panel
//! decides what happens on change and submit.

use std::rc::Rc;

use panelcare_model::{FieldError, NewFeedback, feedback::MESSAGE_MAX_CHARS};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::{category::category_picker, rating::rating_picker, state::Edit};
use crate::i18n::use_i18n;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct FeedbackFormProps {
    pub draft: NewFeedback,
    pub errors: Rc<Vec<FieldError>>,
    pub on_change: Callback<Edit>,
    pub on_submit: Callback<()>,
}

/// Show the remaining-characters hint only near the limit, where it helps.
const COUNTER_FROM: usize = MESSAGE_MAX_CHARS - 500;

#[component]
pub fn FeedbackForm(props: &FeedbackFormProps) -> Html {
    let i18n = use_i18n();
    let t = i18n.t;
    let error = |field: &str| {
        props
            .errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| t.field_error(field, e.code))
    };

    let on_category = props.on_change.reform(Edit::Category);
    let on_message = props.on_change.reform(|e: InputEvent| {
        Edit::Message(e.target_unchecked_into::<HtmlTextAreaElement>().value())
    });
    let on_rating = props.on_change.reform(Edit::Rating);
    let onsubmit = {
        let on_submit = props.on_submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_submit.emit(());
        })
    };

    let length = props.draft.message.trim().chars().count();
    let counter = if length > MESSAGE_MAX_CHARS {
        Some(i18n.plural(&t.chars_over, (length - MESSAGE_MAX_CHARS) as u64))
    } else if length >= COUNTER_FROM {
        Some(i18n.plural(&t.chars_left, (MESSAGE_MAX_CHARS - length) as u64))
    } else {
        None
    };
    let message_error = error("message");
    let described_by = match (message_error.is_some(), counter.is_some()) {
        (true, true) => "pc-message-error pc-message-count",
        (true, false) => "pc-message-error",
        (false, true) => "pc-message-count",
        (false, false) => "",
    };

    html! {
        <form class="pc-form" novalidate=true {onsubmit}>
            { category_picker(i18n, &props.draft.category, error("category"), &on_category) }
            <div class={if message_error.is_some() { "pc-field pc-invalid" } else { "pc-field" }}>
                <label for="pc-message" class="pc-label">{ t.message_label }</label>
                <textarea
                    id="pc-message"
                    class="pc-textarea"
                    rows="4"
                    placeholder={t.message_placeholder}
                    value={props.draft.message.clone()}
                    aria-invalid={message_error.map(|_| "true")}
                    aria-describedby={(!described_by.is_empty()).then_some(described_by)}
                    oninput={on_message}
                />
                if let Some(count) = counter {
                    <p id="pc-message-count" class={if length > MESSAGE_MAX_CHARS { "pc-hint pc-over" } else { "pc-hint" }}>{ count }</p>
                }
                if let Some(msg) = message_error {
                    <p id="pc-message-error" class="pc-field-error">{ msg }</p>
                }
            </div>
            { rating_picker(i18n, None, props.draft.rating, error("rating"), &on_rating) }
            <div class="pc-actions">
                <button type="submit" class="pc-button pc-primary">{ t.submit }</button>
                if props.draft != NewFeedback::default() {
                    <span class="pc-hint">{ t.draft_saved }</span>
                }
            </div>
        </form>
    }
}
