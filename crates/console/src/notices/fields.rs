//! A notice's fields: tenant (a choice only for a new notice and several tenants), kind,
//! title, text, the window in the agent's own time, and which plans and servers it concerns.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    console::TenantInfo,
    notice::{BODY_MAX_CHARS, NoticeKind, TITLE_MAX_CHARS},
};
use yew::prelude::*;

use super::draft::Draft;
use crate::form::{self, described_by, field, message};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NoticeFieldsProps {
    pub draft: Rc<Draft>,
    pub errors: Rc<Vec<FieldError>>,
    pub tenants: Rc<Vec<TenantInfo>>,
    /// A published notice stays with its tenant, and its times are not reset.
    pub editing: bool,
    pub on_change: Callback<Draft>,
}

/// A new incident is going on now, and nobody knows yet when it ends; new maintenance gets a
/// window again.
fn with_kind(mut d: Draft, kind: NoticeKind, new: bool) -> Draft {
    d.kind = kind;
    if new && kind == NoticeKind::Incident {
        d.starts = form::local_input_in(0.0);
        d.ends.clear();
    } else if new && d.ends.is_empty() {
        d.starts = form::local_input_in(24.0 * 60.0);
        d.ends = form::local_input_in(25.0 * 60.0);
    }
    d
}

#[component]
pub fn NoticeFields(props: &NoticeFieldsProps) -> Html {
    let zone = use_memo((), |_| form::local_zone());
    let d = &*props.draft;
    let edit = |set: fn(&mut Draft, String)| {
        let (draft, on_change) = (props.draft.clone(), props.on_change.clone());
        Callback::from(move |value: String| {
            let mut d = (*draft).clone();
            set(&mut d, value);
            on_change.emit(d);
        })
    };
    let text =
        |set: fn(&mut Draft, String)| edit(set).reform(|e: InputEvent| form::input_value(&e));
    let on_kind = {
        let (draft, on_change, new) =
            (props.draft.clone(), props.on_change.clone(), !props.editing);
        Callback::from(move |e: Event| {
            let kind = NoticeKind::parse(&form::select_value(&e)).unwrap_or(draft.kind);
            on_change.emit(with_kind((*draft).clone(), kind, new));
        })
    };
    let err = |name: &str| message(&props.errors, name);
    let aria = |id: &str, name: &str, hint: bool| {
        (
            err(name).map(|_| "true"),
            described_by(id, hint, err(name).is_some()),
        )
    };
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
        <>
            <div class="c-row-fields">
                if !props.editing && props.tenants.len() > 1 {
                    { field("c-n-tenant", "Tenant", html! {
                        <select id="c-n-tenant" onchange={edit(|d, v| d.tenant_id = v).reform(|e: Event| form::select_value(&e))}>
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
                    oninput={edit(|d, v| d.body = v).reform(|e: InputEvent| form::textarea_value(&e))} aria-invalid={bi} aria-describedby={bd} />
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
        </>
    }
}
