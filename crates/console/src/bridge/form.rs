//! The ticket bridge's form: the helpdesk's address and which of the tenant's keys signs the
//! deliveries (the one the WHMCS addon was given). What the model refuses is refused here at
//! its field before any request; the server's field messages (an unknown key) land there too.

use std::rc::Rc;

use panelcare_model::{FieldError, bridge::BridgeSettings, console::KeyInfo};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{BridgeDone, BridgeOff};
use crate::{
    console::use_console,
    focus,
    form::{self, described_by, field, general_message, message},
    text,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct BridgeFormProps {
    pub tenant: AttrValue,
    pub keys: Rc<Vec<KeyInfo>>,
    /// What is stored; `None` while the tenant has no bridge.
    pub settings: Option<BridgeSettings>,
    /// Deliveries waiting, which turning the bridge off drops.
    pub pending: u32,
    pub on_done: Callback<BridgeDone>,
}

/// The fields the server names and the inputs that show them, in the form's order.
const FIELDS: [(&str, &str); 2] = [("url", "c-tb-url"), ("key_id", "c-tb-key")];

fn draft_of(settings: Option<&BridgeSettings>, keys: &[KeyInfo]) -> BridgeSettings {
    match settings {
        Some(s) => s.clone(),
        None => BridgeSettings {
            url: String::new(),
            // With a single key there is nothing to choose: it is the one the helpdesk has.
            key_id: match keys {
                [only] => only.kid.clone(),
                _ => String::new(),
            },
        },
    }
}

/// Keyboard users land on what to fix rather than on a Save button that did nothing.
fn focus_first_invalid(errors: &[FieldError]) {
    if let Some((_, id)) = FIELDS
        .iter()
        .find(|(name, _)| message(errors, name).is_some())
    {
        focus::later(*id);
    }
}

/// `errors` once `name` was edited: its message is checked again, so a fixed field loses it at
/// once and a still-wrong one keeps saying why; the other fields' messages stay.
fn recheck(errors: &[FieldError], draft: &BridgeSettings, name: &str) -> Vec<FieldError> {
    let again = draft.validate().err().unwrap_or_default();
    errors
        .iter()
        .filter(|e| e.field != name)
        .chain(again.iter().filter(|e| e.field == name))
        .cloned()
        .collect()
}

#[component]
pub fn BridgeForm(props: &BridgeFormProps) -> Html {
    let console = use_console();
    let draft = use_state(|| draft_of(props.settings.as_ref(), &props.keys));
    let errors = use_state(Vec::<FieldError>::new);
    let busy = use_state(|| false);
    {
        // A save or turning off changed what is stored: the form starts from that again.
        let (draft, errors) = (draft.clone(), errors.clone());
        use_effect_with(
            (props.settings.clone(), props.keys.clone()),
            move |(settings, keys)| {
                draft.set(draft_of(settings.as_ref(), keys));
                errors.set(Vec::new());
            },
        );
    }
    let edit = |name: &'static str, set: fn(&mut BridgeSettings, String)| {
        let (draft, errors) = (draft.clone(), errors.clone());
        move |value: String| {
            let mut d = (*draft).clone();
            set(&mut d, value);
            if !errors.is_empty() {
                errors.set(recheck(&errors, &d, name));
            }
            draft.set(d);
        }
    };
    let on_url =
        Callback::from(edit("url", |d, v| d.url = v)).reform(|e: InputEvent| form::input_value(&e));
    let on_key = Callback::from(edit("key_id", |d, v| d.key_id = v))
        .reform(|e: Event| form::select_value(&e));
    let onsubmit = {
        let (console, tenant, draft, errors, busy, on_done) = (
            console.clone(),
            props.tenant.clone(),
            draft.clone(),
            errors.clone(),
            busy.clone(),
            props.on_done.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let body = BridgeSettings {
                url: draft.url.trim().to_owned(),
                key_id: draft.key_id.trim().to_owned(),
            };
            if let Err(local) = body.validate() {
                focus_first_invalid(&local);
                errors.set(local);
                return;
            }
            let (console, tenant, errors, busy, on_done) = (
                console.clone(),
                tenant.clone(),
                errors.clone(),
                busy.clone(),
                on_done.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                let result = console.api.save_ticket_bridge(&tenant, &body).await;
                busy.set(false);
                let saved = console.settle(result, |e| {
                    let fields = form::field_errors(&e);
                    let names = FIELDS.map(|(name, _)| name);
                    match general_message(&e, &names) {
                        Some(m) => on_done.emit(BridgeDone::Failed(m)),
                        None => focus_first_invalid(&fields),
                    }
                    errors.set(fields);
                });
                if let Some(saved) = saved {
                    errors.set(Vec::new());
                    on_done.emit(BridgeDone::Saved(saved));
                }
            });
        })
    };
    let d = &*draft;
    let url_error = message(&errors, "url");
    let key_error = message(&errors, "key_id");
    let listed = props.keys.iter().any(|k| k.kid == d.key_id);
    let gone = props
        .settings
        .as_ref()
        .filter(|s| !props.keys.iter().any(|k| k.kid == s.key_id))
        .map(|s| s.key_id.clone());
    let key_hint = if props.keys.is_empty() {
        "This tenant has no keys yet. Add one under Team and keys, and give its id and secret to the WHMCS addon."
    } else {
        "The key whose id and secret the WHMCS addon was given. Deliveries are signed with it, and so is what WHMCS sends back."
    };
    html! {
        <form class="c-form c-bridge-form" novalidate=true {onsubmit} aria-label="Ticket bridge settings">
            { field("c-tb-url", "Helpdesk address", html! {
                <input id="c-tb-url" type="url" value={d.url.clone()} oninput={on_url}
                    placeholder="https://billing.example.com/modules/addons/panelcare/bridge.php"
                    aria-invalid={url_error.map(|_| "true")} aria-describedby={described_by("c-tb-url", true, url_error.is_some())} />
            }, Some("https:// (http:// only to 127.0.0.1 or localhost, for testing)."), url_error) }
            { field("c-tb-key", "Key", html! {
                <select id="c-tb-key" onchange={on_key}
                    aria-invalid={key_error.map(|_| "true")} aria-describedby={described_by("c-tb-key", true, key_error.is_some())}>
                    if !listed {
                        <option value={d.key_id.clone()} selected=true>
                            { if d.key_id.is_empty() { "Choose a key…".to_owned() } else { format!("{} (no longer a key of this tenant)", d.key_id) } }
                        </option>
                    }
                    { for props.keys.iter().map(|k| html! {
                        <option key={k.kid.clone()} value={k.kid.clone()} selected={d.key_id == k.kid}>
                            { format!("{} — added {}", k.kid, text::when(&k.created_at)) }
                        </option>
                    }) }
                </select>
            }, Some(key_hint), key_error) }
            if let Some(kid) = gone {
                <p class="c-warn">
                    { format!("Key {kid}, which this bridge signs with, was removed: every delivery fails until you choose another key, save, and give that key to the helpdesk.") }
                </p>
            }
            <div class="c-actions">
                <button type="submit" class="c-button" disabled={*busy}>{ "Save ticket bridge" }</button>
                if props.settings.is_some() {
                    <BridgeOff tenant={props.tenant.clone()} pending={props.pending} on_done={props.on_done.clone()} />
                }
            </div>
        </form>
    }
}
