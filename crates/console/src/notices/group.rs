//! One group of notices on the page: happening now, coming up, or over.

use std::rc::Rc;

use panelcare_model::{console::TenantInfo, notice::AgentNotice};
use yew::prelude::*;

use super::{NoticeCard, Phase};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NoticeGroupProps {
    pub notices: Rc<Vec<Rc<AgentNotice>>>,
    pub phase: Phase,
    pub title: &'static str,
    /// Said when the group is empty.
    pub empty: &'static str,
    /// Several tenants: each card names its own.
    pub tenants: Rc<Vec<TenantInfo>>,
    pub on_changed: Callback<AgentNotice>,
    pub on_removed: Callback<AttrValue>,
}

#[component]
pub fn NoticeGroup(props: &NoticeGroupProps) -> Html {
    let now = js_sys::Date::now();
    let phase = props.phase;
    let mut items: Vec<&Rc<AgentNotice>> = props
        .notices
        .iter()
        .filter(|n| Phase::of(n, now) == phase)
        .collect();
    // What comes next first; what is over, the latest first (as the server sends it).
    if phase != Phase::Past {
        items.reverse();
    }
    let tenant_name = |id: &str| {
        (props.tenants.len() > 1).then(|| {
            AttrValue::from(
                props
                    .tenants
                    .iter()
                    .find(|t| t.id == id)
                    .map_or(id.to_owned(), |t| t.name.clone()),
            )
        })
    };
    let id = format!("c-n-{}", props.title.to_lowercase().replace(' ', "-"));
    html! {
        <section class="c-notice-group" aria-labelledby={id.clone()}>
            <h2 {id} class="c-subtitle">{ format!("{} ({})", props.title, items.len()) }</h2>
            if items.is_empty() {
                <p class="c-muted">{ props.empty }</p>
            } else {
                <ul class="c-list">{ for items.into_iter().map(|n| html! {
                    <NoticeCard key={n.notice.id.clone()} notice={n.clone()} {phase}
                        tenant_name={tenant_name(&n.tenant_id)} on_changed={props.on_changed.clone()}
                        on_removed={props.on_removed.clone()} />
                }) }</ul>
            }
        </section>
    }
}
