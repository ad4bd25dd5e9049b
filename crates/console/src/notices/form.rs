//! Publishing or changing a notice: kind, title, text, the window in the agent's own time,
//! and which plans and servers it concerns (none: every customer of the tenant).

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    console::TenantInfo,
    notice::{AgentNotice, BODY_MAX_CHARS, NoticeKind, TITLE_MAX_CHARS},
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::draft::{Draft, build, start};
use crate::{
    api::Api,
    form::{self, described_by, field, message},
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NoticeFormProps {
    pub api: Api,
    pub tenants: Rc<Vec<TenantInfo>>,
    /// The notice to change; `None` publishes a new one.
    #[prop_or_default]
    pub notice: Option<Rc<AgentNotice>>,
    pub on_saved: Callback<AgentNotice>,
    pub on_cancel: Callback<()>,
    pub on_signed_out: Callback<()>,
}

const FIELDS: [&str; 8] = [
    "tenant_id",
    "kind",
    "title",
    "body",
    "starts_at",
    "ends_at",
    "affected_plans",
    "affected_servers",
];

#[component]
pub fn NoticeForm(props: &NoticeFormProps) -> Html {
    let draft = use_state(|| start(props));
    let errors = use_state(Vec::<FieldError>::new);
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);
    form::use_first_tenant(&draft, &props.tenants, |d| &mut d.tenant_id);
    let zone = use_memo((), |_| form::local_zone());
    let edit = |set: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut d = (*draft).clone();
            set(&mut d, value);
            draft.set(d);
        })
    };
    let text =
        |set: fn(&mut Draft, String)| edit(set).reform(|e: InputEvent| form::input_value(&e));
    let on_kind = {
        let (draft, new) = (draft.clone(), props.notice.is_none());
        Callback::from(move |e: Event| {
            let mut d = (*draft).clone();
            d.kind = NoticeKind::parse(&form::select_value(&e)).unwrap_or(d.kind);
            // A new incident is going on now, and nobody knows yet when it ends; new
            // maintenance gets a window again.
            if new && d.kind == NoticeKind::Incident {
                d.starts = form::local_input_in(0.0);
                d.ends.clear();
            } else if new && d.ends.is_empty() {
                d.starts = form::local_input_in(24.0 * 60.0);
                d.ends = form::local_input_in(25.0 * 60.0);
            }
            draft.set(d);
        })
    };
    let on_tenant = edit(|d, v| d.tenant_id = v).reform(|e: Event| form::select_value(&e));
    let on_body = edit(|d, v| d.body = v).reform(|e: InputEvent| form::textarea_value(&e));
    let onsubmit = {
        let (api, draft, errors, failure, busy) = (
            props.api.clone(),
            draft.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
        );
        let (id, on_saved, on_signed_out) = (
            props.notice.as_ref().map(|n| n.notice.id.clone()),
            props.on_saved.clone(),
            props.on_signed_out.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            failure.set(None);
            let body = match build(&draft) {
                Ok(b) => b,
                Err(local) => return errors.set(local),
            };
            let (api, errors, failure, busy, id, on_saved, on_signed_out) = (
                api.clone(),
                errors.clone(),
                failure.clone(),
                busy.clone(),
                id.clone(),
                on_saved.clone(),
                on_signed_out.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                let saved = match &id {
                    Some(id) => api.update_notice(id, &body).await,
                    None => api.create_notice(&body).await,
                };
                busy.set(false);
                let outcome = form::Outcome { errors, failure };
                if let Some(saved) = outcome.settle(saved, &FIELDS, &on_signed_out) {
                    on_saved.emit(saved);
                }
            });
        })
    };
    let d = &*draft;
    let err = |name: &str| message(&errors, name);
    let aria = |id: &str, name: &str, hint: bool| {
        (
            err(name).map(|_| "true"),
            described_by(id, hint, err(name).is_some()),
        )
    };
    let editing = props.notice.is_some();
    let (ti, td) = aria("c-n-title", "title", false);
    let (bi, bd) = aria("c-n-body", "body", false);
    let (si, sd) = aria("c-n-starts", "starts_at", true);
    let (ei, ed) = aria("c-n-ends", "ends_at", true);
    let (pi, pd) = aria("c-n-plans", "affected_plans", true);
    let (vi, vd) = aria("c-n-servers", "affected_servers", true);
    let zone_hint = if zone.is_empty() {
        "Your own local time.".to_owned()
    } else {
        format!("Your local time ({zone}).")
    };
    let ends_hint = match d.kind {
        NoticeKind::Maintenance => format!("{zone_hint} Customers stop seeing it then."),
        NoticeKind::Incident => {
            format!("{zone_hint} Empty while the incident goes on; end it when it is over.")
        }
    };
    html! {
        <form class="c-card c-form c-editor" novalidate=true {onsubmit} aria-labelledby="c-n-form-title">
            <h2 id="c-n-form-title">{ if editing { "Change notice" } else { "New notice" } }</h2>
            if let Some(m) = &*failure {
                <p class="c-error" role="alert">{ m }</p>
            }
            <div class="c-row-fields">
                if !editing && props.tenants.len() > 1 {
                    { field("c-n-tenant", "Tenant", html! {
                        <select id="c-n-tenant" onchange={on_tenant}>
                            { for props.tenants.iter().map(|t| html! { <option value={t.id.clone()} selected={d.tenant_id == t.id}>{ &t.name }</option> }) }
                        </select>
                    }, None, err("tenant_id")) }
                }
                { field("c-n-kind", "Kind", html! {
                    <select id="c-n-kind" onchange={on_kind}>
                        <option value="maintenance" selected={d.kind == NoticeKind::Maintenance}>{ "Planned maintenance" }</option>
                        <option value="incident" selected={d.kind == NoticeKind::Incident}>{ "Incident" }</option>
                    </select>
                }, None, err("kind")) }
            </div>
            { field("c-n-title", "Title", html! {
                <input id="c-n-title" type="text" maxlength={TITLE_MAX_CHARS.to_string()} value={d.title.clone()}
                    oninput={text(|d, v| d.title = v)} aria-invalid={ti} aria-describedby={td} />
            }, None, err("title")) }
            { field("c-n-body", "What customers should know", html! {
                <textarea id="c-n-body" rows="4" maxlength={BODY_MAX_CHARS.to_string()} value={d.body.clone()}
                    oninput={on_body} aria-invalid={bi} aria-describedby={bd} />
            }, None, err("body")) }
            <div class="c-row-fields">
                { field("c-n-starts", "Starts", html! {
                    <input id="c-n-starts" type="datetime-local" value={d.starts.clone()}
                        oninput={text(|d, v| d.starts = v)} aria-invalid={si} aria-describedby={sd} />
                }, Some(&format!("{zone_hint} Customers see upcoming work up to 14 days ahead.")), err("starts_at")) }
                { field("c-n-ends", "Ends", html! {
                    <input id="c-n-ends" type="datetime-local" value={d.ends.clone()}
                        oninput={text(|d, v| d.ends = v)} aria-invalid={ei} aria-describedby={ed} />
                }, Some(&ends_hint), err("ends_at")) }
            </div>
            <div class="c-row-fields">
                { field("c-n-plans", "Affected plans", html! {
                    <input id="c-n-plans" type="text" value={d.plans.clone()} placeholder="starter, pro"
                        oninput={text(|d, v| d.plans = v)} aria-invalid={pi} aria-describedby={pd} />
                }, Some("Comma-separated plan names. Empty: customers on every plan."), err("affected_plans")) }
                { field("c-n-servers", "Affected servers", html! {
                    <input id="c-n-servers" type="text" value={d.servers.clone()} placeholder="web-07.example.com"
                        oninput={text(|d, v| d.servers = v)} aria-invalid={vi} aria-describedby={vd} />
                }, Some("Comma-separated host names. Empty: customers on every server."), err("affected_servers")) }
            </div>
            <div class="c-actions">
                <button type="submit" class="c-button" disabled={*busy}>{ if editing { "Save notice" } else { "Publish notice" } }</button>
                <button type="button" class="c-button c-ghost" onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
