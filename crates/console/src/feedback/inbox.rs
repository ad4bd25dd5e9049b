//! The feedback inbox: filters on top, low ratings first, one row per suggestion.

use std::rc::Rc;

use panelcare_model::{FeedbackCategory, FeedbackStatus, console::InboxItem};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::InboxRow;
use crate::{console::use_console, filters, focus, latest::use_latest, text};

#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    status: String,
    category: String,
    rating: String,
    tenant: String,
}

impl Filters {
    fn query(&self) -> String {
        crate::api::query_string(&[
            ("status", &self.status),
            ("category", &self.category),
            ("rating", &self.rating),
            ("tenant", &self.tenant),
        ])
    }
}

/// Adds the tenants of `items` not yet in `known`, for the tenant filter: (id, name).
fn with_tenants(known: &[(String, String)], items: &[InboxItem]) -> Vec<(String, String)> {
    let mut known = known.to_vec();
    for i in items {
        if !known.iter().any(|(id, _)| *id == i.tenant_id) {
            known.push((i.tenant_id.clone(), i.tenant_name.clone()));
        }
    }
    known
}

#[component]
pub fn InboxView() -> Html {
    let console = use_console();
    // Provider admins see resellers too and get a tenant filter.
    let provider = console.is_provider();
    let filters = use_state(Filters::default);
    let items = use_state(|| None::<Result<Rc<Vec<Rc<InboxItem>>>, String>>);
    // Tenants seen so far, for the tenant filter.
    let tenants = use_state(Vec::<(String, String)>::new);
    let reads = use_latest();
    // Back from a suggestion, the link that was used is gone with it.
    use_effect_with((), |_| focus::later_if_lost("c-inbox-title"));
    {
        let (items, tenants) = (items.clone(), tenants.clone());
        use_effect_with((*filters).clone(), move |f| {
            let query = f.query();
            let this = reads.start();
            spawn_local(async move {
                let answer = console.api.inbox(&query).await;
                if !reads.is_newest(this) {
                    return;
                }
                if let Some(inbox) = console.settle(answer, |e| items.set(Some(Err(e.message())))) {
                    tenants.set(with_tenants(&tenants, &inbox.items));
                    items.set(Some(Ok(Rc::new(
                        inbox.items.into_iter().map(Rc::new).collect(),
                    ))));
                }
            });
        });
    }
    let statuses = FeedbackStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), text::status(*s).to_owned()))
        .collect();
    let categories = FeedbackCategory::ALL
        .iter()
        .map(|c| (c.as_str().to_owned(), text::category(*c).to_owned()))
        .collect();
    let ratings = (1..=5).map(|r| (r.to_string(), format!("{r} ★"))).collect();
    let list = match &*items {
        None => html! { <p class="c-muted">{ "Loading…" }</p> },
        Some(Err(message)) => html! { <p class="c-error" role="alert">{ message }</p> },
        Some(Ok(items)) if items.is_empty() => {
            html! { <p class="c-muted">{ "Nothing here with these filters." }</p> }
        }
        Some(Ok(items)) => html! {
            <ul class="c-list">
                { for items.iter().map(|i| html! {
                    <InboxRow key={i.id.clone()} item={i.clone()} {provider} />
                }) }
            </ul>
        },
    };
    html! {
        <section aria-labelledby="c-inbox-title">
            <h1 id="c-inbox-title" class="c-title" tabindex="-1">{ "Feedback inbox" }</h1>
            <div class="c-filters">
                { filters::select("c-f-status", "Status", &filters.status, statuses, filters::pick(&filters, |f, v| f.status = v)) }
                { filters::select("c-f-category", "Category", &filters.category, categories, filters::pick(&filters, |f, v| f.category = v)) }
                { filters::select("c-f-rating", "Rating", &filters.rating, ratings, filters::pick(&filters, |f, v| f.rating = v)) }
                if provider {
                    { filters::select("c-f-tenant", "Tenant", &filters.tenant, (*tenants).clone(), filters::pick(&filters, |f, v| f.tenant = v)) }
                }
            </div>
            { list }
        </section>
    }
}
