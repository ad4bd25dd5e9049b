//! Editing an idea's title and text as the board shows them (a typo, a customer's details
//! that should not be public); the suggestion it came from stays as its author wrote it.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    ideas::{BODY_MAX_CHARS, IdeaChange, QueuedIdea, TITLE_MAX_CHARS},
};
use yew::prelude::*;

use super::Ask;
use crate::form::{self, described_by, field};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct EditProps {
    pub idea: Rc<QueuedIdea>,
    pub busy: bool,
    pub errors: Rc<Vec<FieldError>>,
    pub on_ask: Callback<Ask>,
}

#[component]
pub fn IdeaEdit(props: &EditProps) -> Html {
    let idea = &props.idea;
    let title = use_state(|| idea.title.clone());
    let body = use_state(|| idea.body.clone());
    let asked = IdeaChange {
        title: (*title != idea.title).then(|| (*title).clone()),
        body: (*body != idea.body).then(|| (*body).clone()),
        ..IdeaChange::default()
    };
    let unchanged = asked == IdeaChange::default();
    let onsubmit = {
        let on_ask = props.on_ask.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if asked != IdeaChange::default() {
                on_ask.emit(Ask::Change(
                    asked.clone(),
                    "Saved: the board shows the new wording.",
                ));
            }
        })
    };
    let on_title = {
        let title = title.clone();
        Callback::from(move |e: InputEvent| title.set(form::input_value(&e)))
    };
    let on_body = {
        let body = body.clone();
        Callback::from(move |e: InputEvent| body.set(form::textarea_value(&e)))
    };
    let title_error = form::message(&props.errors, "title");
    let body_error = form::message(&props.errors, "body");
    html! {
        <form class="c-card c-form c-section" {onsubmit} aria-labelledby="c-idea-edit-title" novalidate=true>
            <h2 id="c-idea-edit-title">{ "Title and text" }</h2>
            { field("c-idea-f-title", "Title", html! {
                <input id="c-idea-f-title" type="text" value={(*title).clone()} oninput={on_title}
                    aria-invalid={title_error.map(|_| "true")} aria-describedby={described_by("c-idea-f-title", true, title_error.is_some())} />
            }, Some(&format!("At most {TITLE_MAX_CHARS} characters.")), title_error) }
            { field("c-idea-f-body", "Text", html! {
                <textarea id="c-idea-f-body" rows="6" value={(*body).clone()} oninput={on_body}
                    aria-invalid={body_error.map(|_| "true")} aria-describedby={described_by("c-idea-f-body", true, body_error.is_some())} />
            }, Some(&format!("What customers read on the board, at most {BODY_MAX_CHARS} characters. The private suggestion it came from is not changed.")), body_error) }
            <button type="submit" class="c-button c-ghost" disabled={props.busy || unchanged}>{ "Save title and text" }</button>
        </form>
    }
}
