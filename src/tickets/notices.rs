//! Service notices (`data-panelcare="notices"`, and above the ticket list): maintenance and
//! incidents happening now or soon, so customers know before they write.

use panelcare_model::notice::{Notice, NoticeKind};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::{i18n::I18n, session::use_session, time};

fn notice(i18n: I18n, n: &Notice) -> Html {
    let t = i18n.t;
    let kind = match n.kind {
        NoticeKind::Incident => t.notice_incident,
        NoticeKind::Maintenance => t.notice_maintenance,
    };
    let when = if n.current {
        t.notice_now.to_owned()
    } else {
        format!(
            "{} · {}",
            t.notice_planned,
            time::full(i18n.lang, &n.starts_at)
        )
    };
    html! {
        <li class={if n.current { "pc-notice-item pc-current" } else { "pc-notice-item" }} key={n.id.clone()}>
            <p class="pc-item-meta">
                <span class="pc-badge pc-status-review">{ kind }</span>
                <span>{ when }</span>
            </p>
            <p class="pc-notice-title"><strong>{ &n.title }</strong></p>
            <p class="pc-message">{ &n.body }</p>
            if let Some(u) = n.updates.first() {
                <p class="pc-muted">
                    { &u.body }{ " · " }<time datetime={u.created_at.clone()} title={time::full(i18n.lang, &u.created_at)}>{ time::ago(i18n.lang, &u.created_at) }</time>
                </p>
            }
        </li>
    }
}

/// Draws nothing while loading, on failure, or when nothing is announced: never an empty box.
#[component]
pub fn Notices() -> Html {
    let session = use_session();
    let items = use_state(Vec::<Notice>::new);
    {
        let (api, items) = (session.api.clone(), items.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                if let Ok(found) = api.notices().await {
                    items.set(found);
                }
            });
        });
    }
    if items.is_empty() {
        return html! {};
    }
    let i18n = session.i18n;
    html! {
        <section class="pc-notices" aria-labelledby="pc-notices-title" role="region">
            <h3 id="pc-notices-title" class="pc-subtitle">{ i18n.t.notices_title }</h3>
            <ul class="pc-list">{ for items.iter().map(|n| notice(i18n, n)) }</ul>
        </section>
    }
}
