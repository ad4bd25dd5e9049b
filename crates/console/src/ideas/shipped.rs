//! The shipped list: the changelog the widget shows its customers (published ideas with the
//! status Shipped, most recently shipped first), with each idea's answer.

use std::rc::Rc;

use panelcare_model::ideas::QueuedIdea;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{tabs::IdeasTabs, text};
use crate::{
    api::query_string,
    console::use_console,
    filters,
    latest::use_latest,
    route::{Route, RouteLink},
    tenants::use_tenants,
};

/// Most recently shipped first, as the widget lists them.
fn newest_shipped(mut items: Vec<QueuedIdea>) -> Vec<Rc<QueuedIdea>> {
    items.sort_by(|a, b| b.status_at.cmp(&a.status_at));
    items.into_iter().map(Rc::new).collect()
}

fn entry(i: &QueuedIdea, tenants: bool) -> Html {
    let shipped = i
        .status_at
        .as_deref()
        .map(crate::text::when)
        .unwrap_or_default();
    html! {
        <li class="c-card c-shipped" key={i.id.clone()}>
            <h2 class="c-idea-shipped-title">
                <RouteLink to={Route::Idea { id: i.id.clone() }} class="c-link">{ &i.title }</RouteLink>
            </h2>
            <p class="c-row-meta">
                <span>{ format!("Shipped {shipped}") }</span>
                <span>{ text::votes(i.votes) }</span>
                if tenants {
                    <span class="c-tenant">{ &i.tenant_name }</span>
                }
            </p>
            if let Some(a) = &i.answer {
                <p class="c-idea-answer">{ a }</p>
            } else {
                <p class="c-muted">{ "No public answer: the changelog shows the title alone." }</p>
            }
        </li>
    }
}

#[component]
pub fn ShippedIdeas() -> Html {
    let console = use_console();
    let (tenants, _) = use_tenants();
    let tenant = use_state(String::new);
    let items = use_state(|| None::<Result<Rc<Vec<Rc<QueuedIdea>>>, String>>);
    // Another tenant chosen while a read was on its way: only the newest answer is shown.
    let reads = use_latest();
    {
        let items = items.clone();
        use_effect_with((*tenant).clone(), move |tenant| {
            let this = reads.start();
            let query = query_string(&[
                ("status", "shipped"),
                ("visibility", "published"),
                ("tenant", tenant),
            ]);
            items.set(None);
            spawn_local(async move {
                let answer = console.api.ideas(&query).await;
                if !reads.is_newest(this) {
                    return;
                }
                if let Some(q) = console.settle(answer, |e| items.set(Some(Err(e.message())))) {
                    items.set(Some(Ok(Rc::new(newest_shipped(q.items)))));
                }
            });
        });
    }
    let many = tenants.len() > 1;
    let options = tenants
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    let pick = {
        let tenant = tenant.clone();
        Callback::from(move |e: Event| tenant.set(crate::form::select_value(&e)))
    };
    let list = match &*items {
        None => html! { <p class="c-muted">{ "Loading…" }</p> },
        Some(Err(m)) => html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok(list)) if list.is_empty() => {
            html! { <p class="c-muted">{ "Nothing shipped yet. Set an idea's status to Shipped and it appears here and in the widget." }</p> }
        }
        Some(Ok(list)) => html! {
            <ul class="c-list">{ for list.iter().map(|i| entry(i, many)) }</ul>
        },
    };
    html! {
        <section aria-labelledby="c-shipped-title">
            <h1 id="c-shipped-title" class="c-title" tabindex="-1">{ "Shipped ideas" }</h1>
            <IdeasTabs />
            <p class="c-hint">{ "The changelog customers read in the widget: published ideas with the status Shipped, most recently shipped first, with your public answer." }</p>
            if many {
                <div class="c-filters">
                    { filters::select_with_any("c-sh-tenant", "Tenant", &tenant, options, "All tenants", pick) }
                </div>
            }
            { list }
        </section>
    }
}
