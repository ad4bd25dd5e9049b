//! Where the provider is with an idea, and its public answer: both shown on the board, and a
//! new status is news for everyone who voted for it.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    ideas::{ANSWER_MAX_CHARS, IdeaChange, IdeaStatus, QueuedIdea},
};
use yew::prelude::*;

use super::{Ask, text};
use crate::form::{self, described_by, field};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct StatusProps {
    pub idea: Rc<QueuedIdea>,
    pub busy: bool,
    pub errors: Rc<Vec<FieldError>>,
    pub on_ask: Callback<Ask>,
}

/// The change from `idea` to what the form holds: only what differs, so an unchanged answer
/// keeps the agent who wrote it.
fn change(idea: &QueuedIdea, status: &str, answer: &str) -> IdeaChange {
    let answered = idea.answer.as_deref().unwrap_or_default();
    IdeaChange {
        status: (status != idea.status.as_str()).then(|| status.to_owned()),
        answer: (answer.trim() != answered.trim()).then(|| answer.to_owned()),
        ..IdeaChange::default()
    }
}

fn said(c: &IdeaChange) -> &'static str {
    match (&c.status, c.answer.as_deref()) {
        (Some(_), Some("")) => "Status saved and the answer removed; voters see the new status.",
        (Some(_), Some(_)) => {
            "Status and answer saved: they are on the board, and voters see the new status."
        }
        (Some(_), None) => "Status saved: it is on the board, and voters see it.",
        (None, Some("")) => "Answer removed from the board.",
        _ => "Answer saved: customers read it on the board.",
    }
}

#[component]
pub fn IdeaStatusForm(props: &StatusProps) -> Html {
    let idea = &props.idea;
    let status = use_state(|| idea.status.as_str().to_owned());
    let answer = use_state(|| idea.answer.clone().unwrap_or_default());
    let asked = change(idea, &status, &answer);
    let unchanged = asked == IdeaChange::default();
    let onsubmit = {
        let on_ask = props.on_ask.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if asked != IdeaChange::default() {
                let said = said(&asked);
                on_ask.emit(Ask::Change(asked.clone(), said));
            }
        })
    };
    let on_status = {
        let status = status.clone();
        Callback::from(move |e: Event| status.set(form::select_value(&e)))
    };
    let on_answer = {
        let answer = answer.clone();
        Callback::from(move |e: InputEvent| answer.set(form::textarea_value(&e)))
    };
    let status_error = form::message(&props.errors, "status");
    let answer_error = form::message(&props.errors, "answer");
    html! {
        <form class="c-card c-form c-section" {onsubmit} aria-labelledby="c-idea-status-title" novalidate=true>
            <h2 id="c-idea-status-title">{ "Status and public answer" }</h2>
            { field("c-idea-f-status", "Status", html! {
                <select id="c-idea-f-status" onchange={on_status}
                    aria-invalid={status_error.map(|_| "true")} aria-describedby={described_by("c-idea-f-status", false, status_error.is_some())}>
                    { for IdeaStatus::ALL.iter().map(|s| html! {
                        <option value={s.as_str()} selected={*status == s.as_str()}>{ text::status(*s) }</option>
                    }) }
                </select>
            }, None, status_error) }
            { field("c-idea-f-answer", "Public answer", html! {
                <textarea id="c-idea-f-answer" rows="4" value={(*answer).clone()} oninput={on_answer}
                    aria-invalid={answer_error.map(|_| "true")} aria-describedby={described_by("c-idea-f-answer", true, answer_error.is_some())} />
            }, Some(&format!("Everyone who sees the idea on the board reads it, under the status. Empty removes it. At most {ANSWER_MAX_CHARS} characters.")), answer_error) }
            <button type="submit" class="c-button" disabled={props.busy || unchanged}>{ "Save status and answer" }</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use panelcare_model::ideas::IdeaVisibility;

    use super::*;

    fn idea() -> QueuedIdea {
        QueuedIdea {
            id: "i1".into(),
            tenant_id: "acme".into(),
            tenant_name: "Acme Hosting".into(),
            title: "Staging".into(),
            body: "Please.".into(),
            visibility: IdeaVisibility::Published,
            status: IdeaStatus::Planned,
            answer: Some("Spring.".into()),
            votes: 1,
            revenue_cents: 0,
            currency: String::new(),
            author_name: None,
            feedback_id: None,
            merged_into: None,
            deflections: 0,
            created_at: "2026-12-01T10:00:00Z".into(),
            status_at: None,
        }
    }

    #[test]
    fn only_what_differs_is_sent() {
        let i = idea();
        assert_eq!(change(&i, "planned", " Spring. "), IdeaChange::default());
        let c = change(&i, "shipped", "Spring.");
        assert_eq!((c.status.as_deref(), c.answer), (Some("shipped"), None));
        let c = change(&i, "planned", "");
        assert_eq!((c.status.as_deref(), c.answer.as_deref()), (None, Some("")));
        assert_eq!(said(&c), "Answer removed from the board.");
    }
}
