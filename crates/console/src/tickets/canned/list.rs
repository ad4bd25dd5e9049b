//! Canned replies: the prepared answers a tenant's agents pick in the ticket composer. Any
//! agent adds, changes and removes them for their own tenant; admins for the tenants they
//! administer.

use std::rc::Rc;

use panelcare_model::ticket::console::CannedReply;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{
    add::CannedAdd,
    edit::CannedEdit,
    row::{CannedRow, edit_id, remove_id},
    state::{Action, CannedState},
};
use crate::{console::use_console, focus};

/// The line that says how the last action went; focus goes there when the row that was
/// acted on is gone.
const SAID_ID: &str = "c-cr-said";

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct CannedProps {
    pub tenant: AttrValue,
}

#[component]
pub fn CannedReplies(props: &CannedProps) -> Html {
    let console = use_console();
    let state = use_reducer(CannedState::default);
    {
        let (console, state) = (console.clone(), state.clone());
        use_effect_with(state.reload, move |_| {
            spawn_local(async move {
                let result = console.api.canned_replies().await;
                if let Some(list) = console.settle(result, |e| {
                    state.dispatch(Action::Loaded(Err(e.message())));
                }) {
                    state.dispatch(Action::Loaded(Ok(Rc::new(list))));
                }
            });
        });
    }
    let remove = |id: String| {
        let (console, state) = (console.clone(), state.clone());
        Callback::from(move |()| {
            let (console, state, id) = (console.clone(), state.clone(), id.clone());
            spawn_local(async move {
                let result = console.api.remove_canned_reply(&id).await;
                if console
                    .settle(result, |e| {
                        state.dispatch(Action::Said(Some((false, e.message()))));
                    })
                    .is_some()
                {
                    state.dispatch(Action::Removed);
                    focus::later(SAID_ID);
                }
            });
        })
    };
    let ask = |id: String| {
        let state = state.clone();
        Callback::from(move |on: bool| {
            state.dispatch(Action::Ask(on.then(|| id.clone())));
            // Into the question on the safe answer; back to the button that asked.
            focus::later(if on {
                "c-cr-keep".to_owned()
            } else {
                remove_id(&id)
            });
        })
    };
    let open_edit = |id: String| {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::Edit(id.clone())))
    };
    // The editor closes: back to the Edit button it opened from.
    let close_edit = |id: String| {
        let state = state.clone();
        let saved = Callback::from({
            let (state, id) = (state.clone(), id.clone());
            move |r: CannedReply| {
                state.dispatch(Action::Saved(r.title));
                focus::later(edit_id(&id));
            }
        });
        let cancel = Callback::from(move |()| {
            state.dispatch(Action::CancelEdit);
            focus::later(edit_id(&id));
        });
        (saved, cancel)
    };
    let list = match &state.replies {
        None => html! { <p class="c-muted">{ "Loading canned replies…" }</p> },
        Some(Err(m)) => html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok(all)) => {
            let mine: Vec<&CannedReply> = all
                .iter()
                .filter(|r| r.tenant_id == props.tenant.as_str())
                .collect();
            if mine.is_empty() {
                html! { <p class="c-muted">{ "No canned replies yet." }</p> }
            } else {
                html! {
                    <ul class="c-plain c-canned">{ for mine.into_iter().map(|r| {
                        let reply = Rc::new(r.clone());
                        if state.editing.as_deref() == Some(r.id.as_str()) {
                            let (on_saved, on_cancel) = close_edit(r.id.clone());
                            html! { <li key={r.id.clone()}><CannedEdit {reply} {on_saved} {on_cancel} /></li> }
                        } else {
                            html! {
                                <li key={r.id.clone()}>
                                    <CannedRow {reply} asking={state.confirm.as_deref() == Some(r.id.as_str())}
                                        on_edit={open_edit(r.id.clone())} on_ask={ask(r.id.clone())} on_remove={remove(r.id.clone())} />
                                </li>
                            }
                        }
                    }) }</ul>
                }
            }
        }
    };
    let on_added = {
        let state = state.clone();
        Callback::from(move |r: CannedReply| state.dispatch(Action::Added(r.title)))
    };
    let on_failed = {
        let state = state.clone();
        Callback::from(move |m: Option<String>| state.dispatch(Action::Said(m.map(|m| (false, m)))))
    };
    html! {
        <div class="c-canned-replies">
            { list }
            if let Some((ok, text)) = &state.outcome {
                <p id={SAID_ID} tabindex="-1" class={if *ok { "c-ok" } else { "c-error" }} role="status">{ text }</p>
            }
            <CannedAdd tenant={props.tenant.clone()} {on_added} {on_failed} />
        </div>
    }
}
