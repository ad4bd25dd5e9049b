//! Publishing or changing a notice, and saving it; the page opens it at the notice's address
//! and closes it when it is saved or given up.

use std::rc::Rc;

use panelcare_model::{FieldError, console::TenantInfo, notice::AgentNotice};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{
    draft::{Draft, FIELDS, build, start},
    fields::NoticeFields,
};
use crate::{console::use_console, focus, form};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NoticeFormProps {
    pub tenants: Rc<Vec<TenantInfo>>,
    /// The notice to change; `None` publishes a new one.
    #[prop_or_default]
    pub notice: Option<Rc<AgentNotice>>,
    pub on_saved: Callback<AgentNotice>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn NoticeForm(props: &NoticeFormProps) -> Html {
    let console = use_console();
    let draft = use_state(|| start(props.notice.as_deref(), &props.tenants));
    let errors = use_state(Vec::<FieldError>::new);
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);
    form::use_first_tenant(&draft, &props.tenants, |d| &mut d.tenant_id);
    // Opened from a link or a button that stays where it was: the work goes on here.
    use_effect_with((), |_| focus::later("c-n-form-title"));
    let onsubmit = {
        let (draft, errors, failure, busy) =
            (draft.clone(), errors.clone(), failure.clone(), busy.clone());
        let id = props.notice.as_ref().map(|n| n.notice.id.clone());
        let on_saved = props.on_saved.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            failure.set(None);
            let body = match build(&draft) {
                Ok(b) => b,
                Err(local) => return errors.set(local),
            };
            let (console, id, on_saved, busy) =
                (console.clone(), id.clone(), on_saved.clone(), busy.clone());
            let outcome = form::Outcome {
                errors: errors.clone(),
                failure: failure.clone(),
            };
            busy.set(true);
            spawn_local(async move {
                let saved = match &id {
                    Some(id) => console.api.update_notice(id, &body).await,
                    None => console.api.create_notice(&body).await,
                };
                busy.set(false);
                if let Some(saved) = outcome.settle(saved, &FIELDS, &console) {
                    on_saved.emit(saved);
                }
            });
        })
    };
    let on_change = {
        let draft = draft.clone();
        Callback::from(move |d: Draft| draft.set(d))
    };
    let editing = props.notice.is_some();
    html! {
        <form class="c-card c-form c-editor" novalidate=true {onsubmit} aria-labelledby="c-n-form-title">
            <h2 id="c-n-form-title" tabindex="-1">{ if editing { "Change notice" } else { "New notice" } }</h2>
            if let Some(m) = &*failure {
                <p class="c-error" role="alert">{ m }</p>
            }
            <NoticeFields draft={Rc::new((*draft).clone())} errors={Rc::new((*errors).clone())}
                tenants={props.tenants.clone()} {editing} {on_change} />
            <div class="c-actions">
                <button type="submit" class="c-button" disabled={*busy}>{ if editing { "Save notice" } else { "Publish notice" } }</button>
                <button type="button" class="c-button c-ghost" onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
