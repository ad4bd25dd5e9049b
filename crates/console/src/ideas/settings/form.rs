//! One tenant's board settings: whether its customers have a board, whether new ideas wait
//! for an agent to publish them, and how authors are named. Turning the board on publishes
//! nothing: only suggestions shared as ideas are ideas.

use panelcare_model::ideas::{AuthorDisplay, IdeaSettings};
use yew::prelude::*;

use crate::{
    form::{self, message},
    loaded::use_loaded,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct IdeaSettingsFormProps {
    pub tenant: AttrValue,
}

/// The stored settings are the draft as they are.
fn of(s: &IdeaSettings) -> IdeaSettings {
    *s
}

fn said(s: &IdeaSettings) -> String {
    if s.board {
        "Saved. The board is on: customers see published ideas and can share theirs; nothing written before was published.".into()
    } else {
        "Saved. The board is off: customers see no ideas and cannot share any; ideas and votes are kept.".into()
    }
}

#[component]
pub fn IdeaSettingsForm(props: &IdeaSettingsFormProps) -> Html {
    let editor = use_loaded(
        props.tenant.clone(),
        of,
        |api, tenant: AttrValue| async move { api.idea_settings(&tenant).await },
    );
    if let Err(waiting) = editor.ready("Loading the board settings…") {
        return waiting;
    }
    let onsubmit = {
        let (editor, tenant) = (editor.clone(), props.tenant.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let tenant = tenant.clone();
            editor.save(
                move |api, draft: IdeaSettings| async move {
                    api.save_idea_settings(&tenant, &draft).await
                },
                said,
                &["board", "moderated", "authors"],
            );
        })
    };
    let d = *editor.draft;
    let check =
        |id: &'static str, checked: bool, set: fn(&mut IdeaSettings, bool), label: &'static str| {
            let onchange = editor.edit(set).reform(|e: Event| form::checked(&e));
            html! {
                <label class="c-check" for={id}>
                    <input {id} type="checkbox" {checked} {onchange} />{ " " }{ label }
                </label>
            }
        };
    let author = |value: AuthorDisplay, label: &'static str| {
        let id = format!("c-is-authors-{}", value.as_str());
        let onchange = editor
            .edit(|d: &mut IdeaSettings, a| d.authors = a)
            .reform(move |_: Event| value);
        html! {
            <label class="c-check" for={id.clone()}>
                <input {id} type="radio" name="c-is-authors" checked={d.authors == value} {onchange} />{ " " }{ label }
            </label>
        }
    };
    let authors_error = message(&editor.errors, "authors");
    html! {
        <form class="c-card c-form c-section c-idea-settings" {onsubmit} aria-label="Ideas board settings" novalidate=true>
            { check("c-is-board", d.board, |d, v| d.board = v, "Customers have an ideas board") }
            <p class="c-warn" id="c-is-board-hint">
                { "Turning the board on publishes nothing written before. Suggestions stay private to their authors; only what a customer chooses to share as an idea, from now on, becomes one." }
            </p>
            { check("c-is-moderated", d.moderated, |d, v| d.moderated = v, "New ideas wait for an agent to publish them") }
            <p class="c-hint">{ "Otherwise a shared idea is on the board at once; agents can still hide it." }</p>
            <fieldset class="c-fieldset" aria-describedby={authors_error.map(|_| "c-is-authors-error")}>
                <legend>{ "Authors on the board" }</legend>
                { author(AuthorDisplay::FirstName, "First name and initial (“Alice B.”)") }
                { author(AuthorDisplay::Hidden, "Not shown") }
                { form::error_line("c-is-authors", authors_error) }
            </fieldset>
            <p class="c-hint">{ "Agents always see the author's full name here." }</p>
            if let Some((ok, text)) = &*editor.outcome {
                <p class={if *ok { "c-ok" } else { "c-error" }} role={if *ok { "status" } else { "alert" }}>{ text }</p>
            }
            <button type="submit" class="c-button" disabled={*editor.busy}>{ "Save board settings" }</button>
        </form>
    }
}
