//! The low ratings of the tenants the agent sees: the unseen ones first, then those of the
//! last 30 days someone has looked at, each linking to what was rated.

use std::rc::Rc;

use panelcare_model::alerts::Alert;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{
    lang::{attr, texts},
    row::AlertRow,
};
use crate::{console::use_console, focus};

#[component]
pub fn AlertsPage() -> Html {
    let console = use_console();
    let items = use_state(|| None::<Result<Rc<Vec<Rc<Alert>>>, String>>);
    {
        let items = items.clone();
        use_effect_with((), move |_| {
            focus::later("c-alerts-title");
            spawn_local(async move {
                let answer = console.api.alerts().await;
                if let Some(list) = console.settle(answer, |e| items.set(Some(Err(e.message())))) {
                    items.set(Some(Ok(Rc::new(
                        list.items.into_iter().map(Rc::new).collect(),
                    ))));
                }
            });
        });
    }
    let t = texts();
    let body = match &*items {
        None => html! { <p class="c-muted">{ t.loading }</p> },
        Some(Err(m)) => html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok(items)) if items.is_empty() => html! { <p class="c-muted">{ t.none }</p> },
        Some(Ok(items)) => {
            let tenants = items.iter().any(|a| a.tenant_id != items[0].tenant_id);
            html! {
                <table class="c-table c-alerts">
                    <thead><tr>
                        <th scope="col">{ t.col_rating }</th><th scope="col">{ t.col_what }</th>
                        <th scope="col">{ t.col_customer }</th>
                        if tenants { <th scope="col">{ t.col_tenant }</th> }
                        <th scope="col">{ t.col_when }</th><th scope="col">{ t.col_seen }</th>
                    </tr></thead>
                    <tbody>{ for items.iter().map(|a| html! {
                        <AlertRow key={format!("{}-{}", a.kind.as_str(), a.id)} alert={a.clone()} {tenants} />
                    }) }</tbody>
                </table>
            }
        }
    };
    html! {
        <section aria-labelledby="c-alerts-title" lang={attr()}>
            <h1 id="c-alerts-title" class="c-title" tabindex="-1">{ t.nav }</h1>
            <p class="c-hint">{ t.intro }</p>
            { body }
        </section>
    }
}
