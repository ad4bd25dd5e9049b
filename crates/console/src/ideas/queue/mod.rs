//! The moderation queue: ideas waiting to be published first (how many wait is said at the
//! top), filtered by visibility, status and tenant, sorted by newest, votes, or what the
//! voters pay a month.

mod row;

use std::rc::Rc;

use panelcare_model::ideas::{IdeaStatus, IdeaVisibility, QueuedIdea};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{tabs::IdeasTabs, text};
use crate::{
    api::query_string, console::use_console, filters, focus, latest::use_latest,
    tenants::use_tenants,
};
use row::IdeaRow;

#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    visibility: String,
    status: String,
    tenant: String,
    /// "" (newest), "votes" or "revenue".
    sort: String,
}

impl Filters {
    fn query(&self) -> String {
        query_string(&[
            ("visibility", &self.visibility),
            ("status", &self.status),
            ("tenant", &self.tenant),
            ("sort", &self.sort),
        ])
    }

    /// Whether every waiting idea of the tenant chosen is in the list (so it counts them).
    fn lists_all_waiting(&self) -> bool {
        self.status.is_empty() && matches!(self.visibility.as_str(), "" | "pending")
    }
}

type Items = Rc<Vec<Rc<QueuedIdea>>>;

/// "2 ideas wait to be published", said where nobody misses it.
fn waiting(count: usize, filters: &UseStateHandle<Filters>) -> Html {
    let only = {
        let filters = filters.clone();
        Callback::from(move |_: MouseEvent| {
            filters.set(Filters {
                visibility: "pending".into(),
                status: String::new(),
                ..(*filters).clone()
            });
            // The button goes with the click; the filter it set is where the work goes on.
            focus::later("c-i-visibility");
        })
    };
    let text = match count {
        0 => "No idea waits to be published.".to_owned(),
        1 => "1 idea waits to be published.".to_owned(),
        n => format!("{n} ideas wait to be published."),
    };
    html! {
        <p class={if count > 0 { "c-pending c-warn" } else { "c-pending c-muted" }} id="c-ideas-pending">
            <strong>{ text }</strong>
            if count > 0 && filters.visibility != "pending" {
                { " " }<button type="button" class="c-link" onclick={only}>{ "Show only these" }</button>
            }
        </p>
    }
}

#[component]
pub fn IdeasQueue() -> Html {
    let console = use_console();
    let (tenants, _) = use_tenants();
    let filters = use_state(Filters::default);
    let items = use_state(|| None::<Result<Items, String>>);
    let pending = use_state(|| None::<usize>);
    let reads = use_latest();
    // Back from an idea, the link that was used is gone with it.
    use_effect_with((), |_| focus::later_if_lost("c-ideas-title"));
    {
        let (items, pending) = (items.clone(), pending.clone());
        use_effect_with((*filters).clone(), move |f| {
            let (query, all_waiting) = (f.query(), f.lists_all_waiting());
            let waiting_query = query_string(&[("visibility", "pending"), ("tenant", &f.tenant)]);
            let this = reads.start();
            spawn_local(async move {
                let answer = console.api.ideas(&query).await;
                // The list shows only some of the waiting ideas: count them on their own.
                let waiting = if all_waiting {
                    None
                } else {
                    Some(console.api.ideas(&waiting_query).await)
                };
                if !reads.is_newest(this) {
                    return;
                }
                let Some(queue) = console.settle(answer, |e| items.set(Some(Err(e.message()))))
                else {
                    return;
                };
                let count = match waiting {
                    None => Some(
                        queue
                            .items
                            .iter()
                            .filter(|i| i.visibility == IdeaVisibility::Pending)
                            .count(),
                    ),
                    Some(w) => console.settle(w, |_| {}).map(|w| w.items.len()),
                };
                pending.set(count);
                items.set(Some(Ok(Rc::new(
                    queue.items.into_iter().map(Rc::new).collect(),
                ))));
            });
        });
    }
    let visibilities = IdeaVisibility::ALL
        .iter()
        .map(|v| (v.as_str().to_owned(), text::visibility(*v).to_owned()))
        .collect();
    let statuses = IdeaStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), text::status(*s).to_owned()))
        .collect();
    let many = tenants.len() > 1;
    let tenant_options = tenants
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    let sorts = vec![
        ("votes".to_owned(), "Most votes".to_owned()),
        ("revenue".to_owned(), "Voters' monthly revenue".to_owned()),
    ];
    let list = match &*items {
        None => html! { <p class="c-muted">{ "Loading…" }</p> },
        Some(Err(message)) => html! { <p class="c-error" role="alert">{ message }</p> },
        Some(Ok(items)) if items.is_empty() => {
            html! { <p class="c-muted">{ "No ideas with these filters. Customers share ideas from the widget, where the tenant's board is on." }</p> }
        }
        Some(Ok(items)) => html! {
            <ul class="c-list">
                { for items.iter().map(|i| html! { <IdeaRow key={i.id.clone()} idea={i.clone()} tenants={many} /> }) }
            </ul>
        },
    };
    html! {
        <section aria-labelledby="c-ideas-title">
            <h1 id="c-ideas-title" class="c-title" tabindex="-1">{ "Ideas" }</h1>
            <IdeasTabs />
            if let Some(count) = *pending {
                { waiting(count, &filters) }
            }
            <div class="c-filters">
                { filters::select("c-i-visibility", "Visibility", &filters.visibility, visibilities, filters::pick(&filters, |f, v| f.visibility = v)) }
                { filters::select("c-i-status", "Status", &filters.status, statuses, filters::pick(&filters, |f, v| f.status = v)) }
                if many {
                    { filters::select_with_any("c-i-tenant", "Tenant", &filters.tenant, tenant_options, "All tenants", filters::pick(&filters, |f, v| f.tenant = v)) }
                }
                { filters::select_with_any("c-i-sort", "Sort by", &filters.sort, sorts, "Newest", filters::pick(&filters, |f, v| f.sort = v)) }
            </div>
            if filters.sort == "revenue" {
                <p class="c-hint">{ "Revenue is what each idea's voters pay a month, by their plans' prices in the tenant's offer catalogue; a plan the catalogue does not price adds nothing." }</p>
            }
            { list }
        </section>
    }
}
