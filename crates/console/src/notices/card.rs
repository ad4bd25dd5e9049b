//! One notice as agents work on it: what customers see, its updates, and the actions that fit
//! where it is (post an update, end it now, change it, remove it).

use std::rc::Rc;

use panelcare_model::notice::{AgentNotice, NewNotice, NoticeKind};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::{
    api::{Api, ApiError},
    form::{self, described_by},
    text,
};

/// Where a notice is in time, seen from now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Current,
    Upcoming,
    Past,
}

impl Phase {
    pub fn of(n: &AgentNotice, now_ms: f64) -> Self {
        let ended = n
            .notice
            .ends_at
            .as_deref()
            .is_some_and(|e| js_sys::Date::parse(e) <= now_ms);
        if ended {
            Self::Past
        } else if js_sys::Date::parse(&n.notice.starts_at) > now_ms {
            Self::Upcoming
        } else {
            Self::Current
        }
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NoticeCardProps {
    pub api: Api,
    pub notice: Rc<AgentNotice>,
    pub phase: Phase,
    /// Shown when the agent sees several tenants.
    #[prop_or_default]
    pub tenant_name: Option<AttrValue>,
    pub on_changed: Callback<AgentNotice>,
    pub on_edit: Callback<Rc<AgentNotice>>,
    pub on_removed: Callback<AttrValue>,
    pub on_signed_out: Callback<()>,
}

/// The notice as a request body, to change only what an action changes.
fn as_new(n: &AgentNotice) -> NewNotice {
    NewNotice {
        tenant_id: n.tenant_id.clone(),
        kind: n.notice.kind.as_str().to_owned(),
        title: n.notice.title.clone(),
        body: n.notice.body.clone(),
        starts_at: n.notice.starts_at.clone(),
        ends_at: n.notice.ends_at.clone(),
        affected_plans: n.notice.affected_plans.clone(),
        affected_servers: n.notice.affected_servers.clone(),
    }
}

#[component]
pub fn NoticeCard(props: &NoticeCardProps) -> Html {
    let update = use_state(String::new);
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let confirm_remove = use_state(|| false);
    let n = &props.notice;
    let id = n.notice.id.clone();
    // Runs one change; its answer replaces the notice on the page.
    let act = {
        let (failure, busy, on_changed, on_signed_out) = (
            failure.clone(),
            busy.clone(),
            props.on_changed.clone(),
            props.on_signed_out.clone(),
        );
        move |after: Option<UseStateHandle<String>>,
              call: std::pin::Pin<
            Box<dyn std::future::Future<Output = Result<AgentNotice, ApiError>>>,
        >| {
            let (failure, busy, on_changed, on_signed_out) = (
                failure.clone(),
                busy.clone(),
                on_changed.clone(),
                on_signed_out.clone(),
            );
            busy.set(true);
            failure.set(None);
            spawn_local(async move {
                let result = call.await;
                busy.set(false);
                match result {
                    Ok(n) => {
                        if let Some(field) = after {
                            field.set(String::new());
                        }
                        on_changed.emit(n);
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => failure.set(Some(e.message())),
                }
            });
        }
    };
    let post_update = {
        let (api, update, id, act) = (props.api.clone(), update.clone(), id.clone(), act.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (api, id, text) = (api.clone(), id.clone(), (*update).clone());
            act(
                Some(update.clone()),
                Box::pin(async move { api.notice_update(&id, &text).await }),
            );
        })
    };
    let end_now = {
        let (api, notice, id, act) = (props.api.clone(), n.clone(), id.clone(), act.clone());
        Callback::from(move |_: MouseEvent| {
            let mut body = as_new(&notice);
            body.ends_at = Some(String::from(js_sys::Date::new_0().to_iso_string()));
            let (api, id) = (api.clone(), id.clone());
            act(
                None,
                Box::pin(async move { api.update_notice(&id, &body).await }),
            );
        })
    };
    let remove = {
        let (api, id, failure, busy, on_removed, on_signed_out) = (
            props.api.clone(),
            id.clone(),
            failure.clone(),
            busy.clone(),
            props.on_removed.clone(),
            props.on_signed_out.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (api, id, failure, busy, on_removed, on_signed_out) = (
                api.clone(),
                id.clone(),
                failure.clone(),
                busy.clone(),
                on_removed.clone(),
                on_signed_out.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                let result = api.remove_notice(&id).await;
                busy.set(false);
                match result {
                    Ok(()) => on_removed.emit(id.into()),
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => failure.set(Some(e.message())),
                }
            });
        })
    };
    let ask = |on: bool| {
        let confirm_remove = confirm_remove.clone();
        Callback::from(move |_: MouseEvent| confirm_remove.set(on))
    };
    let edit = {
        let (notice, on_edit) = (n.clone(), props.on_edit.clone());
        Callback::from(move |_: MouseEvent| on_edit.emit(notice.clone()))
    };
    let kind = match n.notice.kind {
        NoticeKind::Maintenance => "Maintenance",
        NoticeKind::Incident => "Incident",
    };
    let window = match &n.notice.ends_at {
        Some(end) => format!("{} – {}", text::when(&n.notice.starts_at), text::when(end)),
        None => format!("since {} · still going on", text::when(&n.notice.starts_at)),
    };
    let concerns = match (
        n.notice.affected_plans.is_empty(),
        n.notice.affected_servers.is_empty(),
    ) {
        (true, true) => "Every customer".to_owned(),
        _ => [
            ("plans", &n.notice.affected_plans),
            ("servers", &n.notice.affected_servers),
        ]
        .iter()
        .filter(|(_, l)| !l.is_empty())
        .map(|(what, l)| format!("{what}: {}", l.join(", ")))
        .collect::<Vec<_>>()
        .join(" · "),
    };
    let field_id = format!("c-n-update-{id}");
    let title_id = format!("c-n-card-{id}");
    html! {
        <li class={format!("c-card c-notice c-notice-{}", n.notice.kind.as_str())} aria-labelledby={title_id.clone()}>
            <p class="c-row-meta">
                <span class={if n.notice.kind == NoticeKind::Incident { "c-badge c-prio-critical" } else { "c-badge c-status-under_review" }}>{ kind }</span>
                if let Some(t) = &props.tenant_name { <span class="c-tenant">{ t }</span> }
                <span>{ window }</span>
            </p>
            <h3 id={title_id} class="c-notice-title">{ &n.notice.title }</h3>
            <p class="c-body">{ &n.notice.body }</p>
            <p class="c-hint">{ format!("Concerns: {concerns}") }</p>
            if !n.notice.updates.is_empty() {
                <ul class="c-note-list c-updates" aria-label="Updates, newest first">
                    { for n.notice.updates.iter().map(|u| html! {
                        <li>
                            <p class="c-note-meta">{ text::when(&u.created_at) }</p>
                            <p class="c-note-body">{ &u.body }</p>
                        </li>
                    }) }
                </ul>
            }
            if let Some(m) = &*failure {
                <p class="c-error" role="alert">{ m }</p>
            }
            if props.phase != Phase::Past {
                // Open where updates are usual (something is going on); one click away otherwise.
                <details class="c-compose" open={props.phase == Phase::Current}>
                <summary>{ "Post an update" }</summary>
                <form class="c-form c-inline-form" onsubmit={post_update}>
                    <label for={field_id.clone()}>{ "Post an update customers see" }</label>
                    <textarea id={field_id.clone()} rows="2" value={(*update).clone()}
                        aria-describedby={described_by(&field_id, true, false)}
                        oninput={{
                            let update = update.clone();
                            Callback::from(move |e: InputEvent| update.set(form::textarea_value(&e)))
                        }} />
                    <p class="c-hint" id={format!("{field_id}-hint")}>{ "E.g. “We found the cause and are moving mail to a clean relay.”" }</p>
                    <button type="submit" class="c-button c-small" disabled={*busy || update.trim().is_empty()}>{ "Post update" }</button>
                </form>
                </details>
            }
            <div class="c-actions">
                if props.phase == Phase::Current {
                    <button type="button" class="c-button c-ghost c-small" disabled={*busy} onclick={end_now}
                        aria-label={format!("End “{}” now", n.notice.title)}>{ "End now" }</button>
                }
                <button type="button" class="c-button c-ghost c-small" onclick={edit}
                    aria-label={format!("Change “{}”", n.notice.title)}>{ "Change" }</button>
                if *confirm_remove {
                    <span class="c-confirm-inline" role="group" aria-label="Confirm removal">
                        { "Remove it? Customers stop seeing it. " }
                        <button type="button" class="c-button c-danger-solid c-small" disabled={*busy} onclick={remove}>{ "Yes, remove" }</button>
                        <button type="button" class="c-button c-ghost c-small" onclick={ask(false)}>{ "Keep" }</button>
                    </span>
                } else {
                    <button type="button" class="c-button c-ghost c-small c-danger" onclick={ask(true)}
                        aria-label={format!("Remove “{}”", n.notice.title)}>{ "Remove" }</button>
                }
            </div>
        </li>
    }
}
