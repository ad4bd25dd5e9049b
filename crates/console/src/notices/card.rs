//! One notice as agents work on it: what customers see, its updates, and the actions that fit
//! where it is (post an update, end it now, change it, remove it).

use std::rc::Rc;

use panelcare_model::notice::{AgentNotice, NoticeKind};
use yew::prelude::*;

use super::{actions::NoticeActions, phase::Phase, update::PostUpdate};
use crate::text;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NoticeCardProps {
    pub notice: Rc<AgentNotice>,
    pub phase: Phase,
    /// Shown when the agent sees several tenants.
    #[prop_or_default]
    pub tenant_name: Option<AttrValue>,
    pub on_changed: Callback<AgentNotice>,
    pub on_removed: Callback<AttrValue>,
}

/// Whom a notice concerns, as customers are matched: by plan, by server, or everyone.
fn concerns(n: &AgentNotice) -> String {
    let (plans, servers) = (&n.notice.affected_plans, &n.notice.affected_servers);
    if plans.is_empty() && servers.is_empty() {
        return "Every customer".to_owned();
    }
    [("plans", plans), ("servers", servers)]
        .iter()
        .filter(|(_, l)| !l.is_empty())
        .map(|(what, l)| format!("{what}: {}", l.join(", ")))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[component]
pub fn NoticeCard(props: &NoticeCardProps) -> Html {
    let failure = use_state(|| None::<String>);
    let n = &props.notice;
    let id = n.notice.id.clone();
    let on_failed = {
        let failure = failure.clone();
        Callback::from(move |m: String| failure.set(Some(m)))
    };
    // A change that worked clears what the last one said went wrong.
    let on_changed = {
        let (failure, on_changed) = (failure.clone(), props.on_changed.clone());
        Callback::from(move |n: AgentNotice| {
            failure.set(None);
            on_changed.emit(n);
        })
    };
    let kind = match n.notice.kind {
        NoticeKind::Maintenance => "Maintenance",
        NoticeKind::Incident => "Incident",
    };
    let window = match &n.notice.ends_at {
        Some(end) => format!("{} – {}", text::when(&n.notice.starts_at), text::when(end)),
        None => format!("since {} · still going on", text::when(&n.notice.starts_at)),
    };
    let title_id = format!("c-n-card-{id}");
    html! {
        <li class={format!("c-card c-notice c-notice-{}", n.notice.kind.as_str())} aria-labelledby={title_id.clone()}>
            <p class="c-row-meta">
                <span class={if n.notice.kind == NoticeKind::Incident { "c-badge c-prio-critical" } else { "c-badge c-status-under_review" }}>{ kind }</span>
                if let Some(t) = &props.tenant_name { <span class="c-tenant">{ t }</span> }
                <span>{ window }</span>
            </p>
            <h3 id={title_id} class="c-notice-title" tabindex="-1">{ &n.notice.title }</h3>
            <p class="c-body">{ &n.notice.body }</p>
            <p class="c-hint">{ format!("Concerns: {}", concerns(n)) }</p>
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
                <PostUpdate id={AttrValue::from(id.clone())} open={props.phase == Phase::Current}
                    on_changed={on_changed.clone()} on_failed={on_failed.clone()} />
            }
            <NoticeActions notice={n.clone()} phase={props.phase} {on_changed}
                on_removed={props.on_removed.clone()} {on_failed} />
        </li>
    }
}
