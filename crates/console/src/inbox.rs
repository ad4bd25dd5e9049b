//! The feedback inbox: filters on top, low ratings first, one row per suggestion.

use std::rc::Rc;

use panelcare_model::{FeedbackCategory, FeedbackStatus, console::InboxItem};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::{api::Api, filters, latest::use_latest, text};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct InboxProps {
    pub api: Api,
    pub on_open: Callback<AttrValue>,
    pub on_signed_out: Callback<()>,
    /// Provider admins see resellers too and get a tenant filter.
    pub provider: bool,
}

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

#[component]
pub fn InboxView(props: &InboxProps) -> Html {
    let filters = use_state(Filters::default);
    let items = use_state(|| None::<Result<Rc<Vec<InboxItem>>, String>>);
    // Tenants seen so far, for the tenant filter: (id, name).
    let tenants = use_state(Vec::<(String, String)>::new);
    let reads = use_latest();
    {
        let (api, items, tenants, on_signed_out, reads) = (
            props.api.clone(),
            items.clone(),
            tenants.clone(),
            props.on_signed_out.clone(),
            reads.clone(),
        );
        use_effect_with((*filters).clone(), move |f| {
            let query = f.query();
            let this = reads.start();
            spawn_local(async move {
                let answer = api.inbox(&query).await;
                if !reads.is_newest(this) {
                    return;
                }
                match answer {
                    Ok(inbox) => {
                        let mut known = (*tenants).clone();
                        for i in &inbox.items {
                            if !known.iter().any(|(id, _)| *id == i.tenant_id) {
                                known.push((i.tenant_id.clone(), i.tenant_name.clone()));
                            }
                        }
                        tenants.set(known);
                        items.set(Some(Ok(Rc::new(inbox.items))));
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => items.set(Some(Err(e.message()))),
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
                { for items.iter().map(|i| row(i, props.provider, &props.on_open)) }
            </ul>
        },
    };
    html! {
        <section aria-labelledby="c-inbox-title">
            <h1 id="c-inbox-title" class="c-title">{ "Feedback inbox" }</h1>
            <div class="c-filters">
                { filters::select("c-f-status", "Status", &filters.status, statuses, filters::pick(&filters, |f, v| f.status = v)) }
                { filters::select("c-f-category", "Category", &filters.category, categories, filters::pick(&filters, |f, v| f.category = v)) }
                { filters::select("c-f-rating", "Rating", &filters.rating, ratings, filters::pick(&filters, |f, v| f.rating = v)) }
                if props.provider {
                    { filters::select("c-f-tenant", "Tenant", &filters.tenant, (*tenants).clone(), filters::pick(&filters, |f, v| f.tenant = v)) }
                }
            </div>
            { list }
        </section>
    }
}

fn row(i: &InboxItem, provider: bool, on_open: &Callback<AttrValue>) -> Html {
    let id = AttrValue::from(i.id.clone());
    let onclick = on_open.reform(move |_: MouseEvent| id.clone());
    let who = i
        .account_name
        .clone()
        .unwrap_or_else(|| i.account_id.clone());
    html! {
        <li class={if i.low_rating { "c-row c-low" } else { "c-row" }}>
            <button type="button" class="c-row-button" {onclick}>
                <span class="c-row-meta">
                    if i.low_rating {
                        <span class="c-flag">{ format!("Low rating: {} ★", i.rating.unwrap_or(0)) }</span>
                    }
                    <span class={format!("c-badge c-status-{}", i.status.as_str())}>{ text::status(i.status) }</span>
                    <span class="c-tag">{ text::category(i.category) }</span>
                    if provider {
                        <span class="c-tenant">{ &i.tenant_name }</span>
                    }
                    <span class="c-who">{ who }</span>
                    <span class="c-when">{ text::when(&i.created_at) }</span>
                </span>
                <span class="c-row-message">{ &i.message }</span>
                <span class="c-row-foot">
                    { if i.answer.is_some() { "Answered" } else { "Not answered yet" } }
                    if i.note_count > 0 {
                        { format!(" · {} internal note{}", i.note_count, if i.note_count == 1 { "" } else { "s" }) }
                    }
                </span>
            </button>
        </li>
    }
}
