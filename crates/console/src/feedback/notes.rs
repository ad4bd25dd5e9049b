//! A suggestion's internal notes, which only agents see, and adding one.

use std::rc::Rc;

use panelcare_model::console::Note;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::Done;
use crate::{console::use_console, form, text};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct SuggestionNotesProps {
    pub id: AttrValue,
    pub notes: Rc<Vec<Note>>,
    pub on_done: Callback<Done>,
}

#[component]
pub fn SuggestionNotes(props: &SuggestionNotesProps) -> Html {
    let console = use_console();
    let note = use_state(String::new);
    let oninput = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| note.set(form::textarea_value(&e)))
    };
    let onsubmit = {
        let (id, on_done, note) = (props.id.clone(), props.on_done.clone(), note.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (api, id, on_done, note) = (
                console.api.clone(),
                id.clone(),
                on_done.clone(),
                note.clone(),
            );
            spawn_local(async move {
                let result = api.add_suggestion_note(&id, &note).await;
                // Added: the field is free for the next one.
                if result.is_ok() {
                    note.set(String::new());
                }
                on_done.emit(Done::new(result, "Note added. Customers never see notes."));
            });
        })
    };
    html! {
        <section class="c-card c-notes" aria-labelledby="c-notes-title">
            <h2 id="c-notes-title">{ "Internal notes" }<span class="c-muted">{ " — only agents see these" }</span></h2>
            if props.notes.is_empty() {
                <p class="c-muted">{ "No notes yet." }</p>
            }
            <ul class="c-note-list">
                { for props.notes.iter().map(|n| html! {
                    <li key={n.id.clone()}>
                        <p class="c-note-meta">{ format!("{} · {}", n.agent_name, text::when(&n.created_at)) }</p>
                        <p class="c-note-body">{ &n.body }</p>
                    </li>
                }) }
            </ul>
            <form class="c-form" {onsubmit}>
                <label for="c-note">{ "Add a note" }</label>
                <textarea id="c-note" rows="2" value={(*note).clone()} {oninput} />
                <button type="submit" class="c-button c-ghost">{ "Add note" }</button>
            </form>
        </section>
    }
}
