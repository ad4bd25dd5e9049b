//! What fits a notice where it is: end it now (while it goes on), change it (at its own
//! address), remove it (after a confirmation).

use std::rc::Rc;

use panelcare_model::notice::{AgentNotice, NewNotice};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::phase::Phase;
use crate::{
    console::use_console,
    focus,
    route::{Route, follow},
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NoticeActionsProps {
    pub notice: Rc<AgentNotice>,
    pub phase: Phase,
    pub on_changed: Callback<AgentNotice>,
    pub on_removed: Callback<AttrValue>,
    pub on_failed: Callback<String>,
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
pub fn NoticeActions(props: &NoticeActionsProps) -> Html {
    let console = use_console();
    let navigator = use_navigator();
    let busy = use_state(|| false);
    let confirm_remove = use_state(|| false);
    let n = &props.notice;
    let id = n.notice.id.clone();
    let end_now = {
        let (console, notice, busy) = (console.clone(), n.clone(), busy.clone());
        let (on_changed, on_failed) = (props.on_changed.clone(), props.on_failed.clone());
        Callback::from(move |_: MouseEvent| {
            let mut body = as_new(&notice);
            body.ends_at = Some(String::from(js_sys::Date::new_0().to_iso_string()));
            let (console, id, busy) = (console.clone(), notice.notice.id.clone(), busy.clone());
            let (on_changed, on_failed) = (on_changed.clone(), on_failed.clone());
            busy.set(true);
            spawn_local(async move {
                let result = console.api.update_notice(&id, &body).await;
                busy.set(false);
                if let Some(n) = console.settle(result, |e| on_failed.emit(e.message())) {
                    on_changed.emit(n);
                }
            });
        })
    };
    let remove = {
        let (id, busy) = (id.clone(), busy.clone());
        let (on_removed, on_failed) = (props.on_removed.clone(), props.on_failed.clone());
        Callback::from(move |_: MouseEvent| {
            let (console, id, busy) = (console.clone(), id.clone(), busy.clone());
            let (on_removed, on_failed) = (on_removed.clone(), on_failed.clone());
            busy.set(true);
            spawn_local(async move {
                let result = console.api.remove_notice(&id).await;
                busy.set(false);
                if console
                    .settle(result, |e| on_failed.emit(e.message()))
                    .is_some()
                {
                    on_removed.emit(id.into());
                }
            });
        })
    };
    // The control used goes away: focus the one that takes its place.
    let ask = |on: bool| {
        let (confirm_remove, id) = (confirm_remove.clone(), id.clone());
        Callback::from(move |_: MouseEvent| {
            confirm_remove.set(on);
            focus::later(format!(
                "c-n-{}-{id}",
                if on { "remove-yes" } else { "remove" }
            ));
        })
    };
    let change = Route::Notice { id: id.clone() };
    let title = &n.notice.title;
    html! {
        <div class="c-actions">
            if props.phase == Phase::Current {
                <button type="button" class="c-button c-ghost c-small" disabled={*busy} onclick={end_now}
                    aria-label={format!("End “{title}” now")}>{ "End now" }</button>
            }
            <a class="c-button c-ghost c-small" href={change.to_path()} onclick={follow(navigator, change)}
                aria-label={format!("Change “{title}”")}>{ "Change" }</a>
            if *confirm_remove {
                <span class="c-confirm-inline" role="group" aria-label="Confirm removal">
                    { "Remove it? Customers stop seeing it. " }
                    <button id={format!("c-n-remove-yes-{id}")} type="button" class="c-button c-danger-solid c-small" disabled={*busy} onclick={remove}>{ "Yes, remove" }</button>
                    <button type="button" class="c-button c-ghost c-small" onclick={ask(false)}>{ "Keep" }</button>
                </span>
            } else {
                <button id={format!("c-n-remove-{id}")} type="button" class="c-button c-ghost c-small c-danger" onclick={ask(true)}
                    aria-label={format!("Remove “{title}”")}>{ "Remove" }</button>
            }
        </div>
    }
}
