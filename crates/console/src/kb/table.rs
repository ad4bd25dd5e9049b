//! The articles the filters keep: a row each with its language, state and how often it
//! answered a customer instead of a ticket; the title links to the article's editor.

use std::rc::Rc;

use panelcare_model::{console::TenantInfo, kb::AgentArticle};
use yew::prelude::*;
use yew_router::prelude::*;

use super::state::Filters;
use crate::{
    route::{Route, follow},
    text,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ArticleTableProps {
    pub articles: Rc<Vec<Rc<AgentArticle>>>,
    pub filters: Filters,
    pub tenants: Rc<Vec<TenantInfo>>,
}

#[component]
pub fn ArticleTable(props: &ArticleTableProps) -> Html {
    let navigator = use_navigator();
    let all = &props.articles;
    if all.is_empty() {
        return html! {
            <p class="c-muted">{ "No articles yet. Customers see matching articles while they type a ticket subject: write the answers you give most often." }</p>
        };
    }
    let shown: Vec<&Rc<AgentArticle>> = all.iter().filter(|a| props.filters.keeps(a)).collect();
    let solved: i64 = all.iter().map(|a| a.solved).sum();
    let several = props.tenants.len() > 1;
    let tenant_name = |id: &str| {
        props
            .tenants
            .iter()
            .find(|t| t.id == id)
            .map_or(id.to_owned(), |t| t.name.clone())
    };
    let row = |a: &Rc<AgentArticle>| {
        let to = Route::Article { id: a.id.clone() };
        html! {
            <tr key={a.id.clone()}>
                // A real link (a new tab on a middle click), named for what it does.
                <td><a class="c-link" href={to.to_path()} onclick={follow(navigator.clone(), to)}
                    aria-label={format!("Edit “{}”", a.title)}>{ &a.title }</a></td>
                if several { <td><span class="c-tenant">{ tenant_name(&a.tenant_id) }</span></td> }
                <td>{ text::language(&a.lang) }</td>
                <td>if a.published {
                    <span class="c-badge c-status-done">{ "Published" }</span>
                } else {
                    <span class="c-badge">{ "Draft" }</span>
                }</td>
                <td class="c-num">{ a.views }</td>
                <td class="c-num c-solved">{ a.solved }</td>
                <td>{ text::when(&a.updated_at) }</td>
            </tr>
        }
    };
    html! {
        <>
            <p class="c-muted" role="status">
                { format!("{} of {} articles shown · customers said an article solved their problem {}", shown.len(), all.len(), if solved == 1 { "once".to_owned() } else { format!("{solved} times") }) }
            </p>
            if shown.is_empty() {
                <p class="c-muted">{ "No article matches these filters." }</p>
            } else {
                <table class="c-table c-kb-table">
                    <thead><tr>
                        <th scope="col">{ "Title" }</th>
                        if several { <th scope="col">{ "Tenant" }</th> }
                        <th scope="col">{ "Language" }</th><th scope="col">{ "State" }</th>
                        <th scope="col" class="c-num">{ "Views" }</th><th scope="col" class="c-num">{ "“Solved it”" }</th>
                        <th scope="col">{ "Updated" }</th>
                    </tr></thead>
                    <tbody>{ for shown.into_iter().map(row) }</tbody>
                </table>
            }
        </>
    }
}
