//! What an agent writes on a ticket: an answer (then wait for the customer or resolve), a
//! progress update the customer sees, or an internal note they never see; with canned
//! replies and files.

use panelcare_model::ticket::{
    Attachment,
    console::{AgentWrite, CannedReply, NewAgentMessage},
};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::Done;
use crate::api::Api;
use crate::focus;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ComposerProps {
    pub api: Api,
    pub id: AttrValue,
    pub tenant: AttrValue,
    pub on_done: Callback<Done>,
}

#[component]
pub fn Composer(props: &ComposerProps) -> Html {
    let kind = use_state(|| AgentWrite::Reply);
    let after = use_state(|| "awaiting_customer".to_owned());
    let draft = use_state(String::new);
    let files = use_state(Vec::<Attachment>::new);
    let canned = use_state(Vec::<CannedReply>::new);
    let chosen = use_node_ref();
    // Nothing written yet: said at the text field.
    let empty = use_state(|| false);
    let local = use_state(|| None::<String>);
    {
        let (api, canned) = (props.api.clone(), canned.clone());
        use_effect_with(props.tenant.clone(), move |tenant| {
            let tenant = tenant.clone();
            spawn_local(async move {
                if let Ok(c) = api.canned_replies().await {
                    canned.set(c.into_iter().filter(|c| c.tenant_id == tenant).collect());
                }
            });
        });
    }
    let onsubmit = {
        let (api, id, on_done) = (props.api.clone(), props.id.clone(), props.on_done.clone());
        let (kind, after, draft, files, empty, local) = (
            kind.clone(),
            after.clone(),
            draft.clone(),
            files.clone(),
            empty.clone(),
            local.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if draft.trim().is_empty() {
                empty.set(true);
                focus::later("c-t-text");
                return;
            }
            local.set(None);
            let body = NewAgentMessage {
                kind: *kind,
                message: (*draft).clone(),
                status: (*kind == AgentWrite::Reply).then(|| (*after).clone()),
                // Files go to the customer with an answer or update, never on a note.
                attachments: match *kind {
                    AgentWrite::Note => Vec::new(),
                    _ => files.iter().map(|f| f.id.clone()).collect(),
                },
            };
            let done = match *kind {
                AgentWrite::Reply => "Answer sent; the customer sees it in the panel.",
                AgentWrite::Progress => "Progress update sent.",
                AgentWrite::Note => "Internal note added.",
            };
            let (api, id, on_done, draft, files) = (
                api.clone(),
                id.clone(),
                on_done.clone(),
                draft.clone(),
                files.clone(),
            );
            spawn_local(async move {
                let result = api.write_ticket(&id, &body).await;
                if result.is_ok() {
                    draft.set(String::new());
                    files.set(Vec::new());
                }
                on_done.emit(Done::new(result, done));
            });
        })
    };
    let on_files = {
        let (api, tenant, files, local) = (
            props.api.clone(),
            props.tenant.clone(),
            files.clone(),
            local.clone(),
        );
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let chosen: Vec<web_sys::File> =
                (0..list.length()).filter_map(|i| list.get(i)).collect();
            input.set_value("");
            let (api, tenant, files, local) =
                (api.clone(), tenant.clone(), files.clone(), local.clone());
            spawn_local(async move {
                let mut all = (*files).clone();
                for file in chosen {
                    match api.upload(&tenant, &file).await {
                        Ok(a) => all.push(a),
                        Err(e) => local.set(Some(format!("{}: {}", file.name(), e.message()))),
                    }
                }
                files.set(all);
            });
        })
    };
    let kind_radio = |k: AgentWrite, label: &'static str| {
        let checked = *kind == k;
        let kind = kind.clone();
        let onchange = Callback::from(move |_: Event| kind.set(k));
        let id = format!("c-k-{}", label.replace(' ', "-"));
        html! {
            <label class="c-check" for={id.clone()}>
                <input {id} type="radio" name="c-kind" {checked} {onchange} />{ " " }{ label }
            </label>
        }
    };
    // Inserted on the button, not on choosing: arrowing through the list must not replace
    // what the agent wrote with each reply passed on the way.
    let on_canned = {
        let (draft, canned, chosen, empty) =
            (draft.clone(), canned.clone(), chosen.clone(), empty.clone());
        Callback::from(move |_: MouseEvent| {
            let v = chosen.cast::<HtmlSelectElement>().map(|s| s.value());
            if let Some(c) = canned.iter().find(|c| Some(&c.id) == v.as_ref()) {
                draft.set(c.body.clone());
                empty.set(false);
            }
        })
    };
    let note = *kind == AgentWrite::Note;
    html! {
        <form class="c-card c-form" {onsubmit}>
            <fieldset class="c-kinds">
                <legend>{ "Write" }</legend>
                { kind_radio(AgentWrite::Reply, "Answer") }
                { kind_radio(AgentWrite::Progress, "Progress update") }
                { kind_radio(AgentWrite::Note, "Internal note") }
            </fieldset>
            if !canned.is_empty() {
                <div class="c-field">
                    <label for="c-canned">{ "Canned reply" }</label>
                    <div class="c-inline">
                        <select id="c-canned" ref={chosen}>
                            <option value="">{ "Choose a prepared answer…" }</option>
                            { for canned.iter().map(|c| html! { <option value={c.id.clone()}>{ &c.title }</option> }) }
                        </select>
                        <button type="button" class="c-button c-ghost c-small" onclick={on_canned}>{ "Insert" }</button>
                    </div>
                </div>
            }
            <label for="c-t-text">{ if note { "Note (never shown to the customer)" } else { "Message to the customer" } }</label>
            <textarea id="c-t-text" rows="5" value={(*draft).clone()}
                aria-invalid={empty.then_some("true")} aria-describedby={empty.then_some("c-t-text-error")}
                oninput={{
                    let (draft, empty) = (draft.clone(), empty.clone());
                    Callback::from(move |e: InputEvent| {
                        draft.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
                        empty.set(false);
                    })
                }} />
            if *empty {
                <p class="c-field-error" id="c-t-text-error">{ "Write something first." }</p>
            }
            if !note {
                <div class="c-field">
                    <label for="c-t-files">{ "Attach files (images, PDF, text)" }</label>
                    <input id="c-t-files" type="file" multiple=true onchange={on_files} />
                    if !files.is_empty() {
                        <ul class="c-files">{ for files.iter().map(|f| {
                            let (id, files) = (f.id.clone(), files.clone());
                            let remove = Callback::from(move |_: MouseEvent| {
                                files.set(files.iter().filter(|a| a.id != id).cloned().collect());
                            });
                            html! { <li key={f.id.clone()}>{ &f.name }{ " " }<button type="button" class="c-link" onclick={remove}>{ "remove" }</button></li> }
                        }) }</ul>
                    }
                </div>
            }
            if *kind == AgentWrite::Reply {
                <div class="c-field">
                    <label for="c-after">{ "Then" }</label>
                    <select id="c-after" onchange={{
                        let after = after.clone();
                        Callback::from(move |e: Event| after.set(e.target_unchecked_into::<HtmlSelectElement>().value()))
                    }}>
                        <option value="awaiting_customer" selected={*after == "awaiting_customer"}>{ "wait for the customer" }</option>
                        <option value="resolved" selected={*after == "resolved"}>{ "mark resolved (the customer can rate it)" }</option>
                    </select>
                </div>
            }
            if let Some(m) = &*local {
                <p class="c-error" role="alert">{ m }</p>
            }
            <button type="submit" class="c-button">{ match *kind { AgentWrite::Reply => "Send answer", AgentWrite::Progress => "Send update", AgentWrite::Note => "Add note" } }</button>
        </form>
    }
}
