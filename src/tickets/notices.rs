//! Service notices (`data-panelcare="notices"`, and above the ticket list): maintenance and
//! incidents happening now or soon, so customers know before they write. As the page's own
//! widget they slide in as a bar over the top of the page, so the page never moves.

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

/// A notice as the customer would tell it apart: anything the console can change about it (an
/// edit keeps its id), whether it is happening now, and its updates.
fn fingerprint(n: &Notice) -> String {
    let last = n.updates.first().map_or("", |u| u.created_at.as_str());
    let ends = n.ends_at.as_deref().unwrap_or("");
    let now = if n.current { "now" } else { "" };
    let parts: [&str; 7] = [&n.id, &n.title, &n.body, &n.starts_at, ends, last, now];
    parts.join("\u{1f}") + &n.updates.len().to_string()
}

/// Whether the customer hid every notice in `items` (`hidden` lists what the bar showed then).
fn all_hidden(items: &[Notice], hidden: Option<&str>) -> bool {
    let hidden: Vec<&str> = hidden.unwrap_or("").split('\u{1e}').collect();
    items
        .iter()
        .all(|n| hidden.contains(&fingerprint(n).as_str()))
}

/// The notices above the ticket list, on a page without a notices bar of its own: drawn with
/// the list (the ticket panel asks for both and waits for both), so they never push it down.
pub fn inline(i18n: I18n, items: &[Notice]) -> Html {
    if items.is_empty() {
        return html! {};
    }
    html! {
        <section class="pc-notices" aria-labelledby="pc-notices-title" role="region">
            <h3 id="pc-notices-title" class="pc-subtitle">{ i18n.t.notices_title }</h3>
            <ul class="pc-list">{ for items.iter().map(|n| notice(i18n, n)) }</ul>
        </section>
    }
}

/// The page's own notices widget: a bar over the top of the page that the customer may hide,
/// never pushing the page down. Draws nothing while loading, on failure, or when nothing is
/// announced: never an empty box.
#[component]
pub fn Notices() -> Html {
    let session = use_session();
    let items = use_state(Vec::<Notice>::new);
    let hidden = use_state(|| session.store.hidden_notices());
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
    if items.is_empty() || all_hidden(&items, hidden.as_deref()) {
        return html! {};
    }
    let i18n = session.i18n;
    // Written out rather than `join`ed: a second `join` (of owned strings) cost the wasm a
    // kilobyte (fingerprints are never empty, so none is lost between separators).
    let mut shown = String::new();
    for n in items.iter() {
        if !shown.is_empty() {
            shown.push('\u{1e}');
        }
        shown += &fingerprint(n);
    }
    let hide = {
        let (store, hidden) = (session.store.clone(), hidden.clone());
        Callback::from(move |()| {
            store.hide_notices(&shown);
            hidden.set(Some(shown.clone()));
        })
    };
    // A line per notice until the customer opens the details (a `<details>`, which the
    // stylesheet reads): the bar covers the top of the page, so it stays as low as it can.
    html! {
        <section class="pc-notices pc-notices-bar" aria-labelledby="pc-notices-title" role="region">
            <h3 id="pc-notices-title" class="pc-sr">{ i18n.t.notices_title }</h3>
            <ul class="pc-list">{ for items.iter().map(|n| notice(i18n, n)) }</ul>
            <details class="pc-notices-more"><summary>{ i18n.t.notices_more }</summary></details>
            <button type="button" class="pc-notices-hide" aria-label={i18n.t.notices_hide}
                title={i18n.t.notices_hide} onclick={hide.reform(|_: MouseEvent| ())}>{ "×" }</button>
        </section>
    }
}
