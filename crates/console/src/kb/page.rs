//! The knowledge base: every article of the tenants in scope with its language, state and how
//! often it answered a customer instead of a ticket; filters; the editor for one article.

use std::rc::Rc;

use panelcare_model::{Lang, kb::AgentArticle};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::ArticleEditor;
use crate::{api::Api, form, tenants::use_tenants, text};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct KbProps {
    pub api: Api,
    pub on_signed_out: Callback<()>,
}

/// Which article the editor shows.
#[derive(Debug, Clone, PartialEq)]
enum Editing {
    Nothing,
    New,
    Article(Rc<AgentArticle>),
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    tenant: String,
    lang: String,
    /// "", "published" or "draft".
    state: String,
    words: String,
}

impl Filters {
    fn keeps(&self, a: &AgentArticle) -> bool {
        let words = self.words.trim().to_lowercase();
        (self.tenant.is_empty() || a.tenant_id == self.tenant)
            && (self.lang.is_empty() || a.lang == self.lang)
            && match self.state.as_str() {
                "published" => a.published,
                "draft" => !a.published,
                _ => true,
            }
            && (words.is_empty()
                || a.title.to_lowercase().contains(&words)
                || a.body.to_lowercase().contains(&words))
    }
}

#[component]
pub fn KbView(props: &KbProps) -> Html {
    let (tenants, _) = use_tenants();
    let articles = use_state(|| None::<Result<Rc<Vec<AgentArticle>>, String>>);
    let editing = use_state(|| Editing::Nothing);
    let filters = use_state(Filters::default);
    let saved = use_state(|| None::<String>);
    let reload = use_state(|| 0u32);
    {
        let (api, articles, on_signed_out) = (
            props.api.clone(),
            articles.clone(),
            props.on_signed_out.clone(),
        );
        use_effect_with(*reload, move |_| {
            spawn_local(async move {
                match api.articles().await {
                    Ok(list) => articles.set(Some(Ok(Rc::new(list)))),
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => articles.set(Some(Err(e.message()))),
                }
            });
        });
    }
    let done = |what: fn(&str) -> String| {
        let (editing, saved, reload) = (editing.clone(), saved.clone(), reload.clone());
        move |title: String| {
            saved.set(Some(what(&title)));
            editing.set(Editing::Nothing);
            reload.set(*reload + 1);
        }
    };
    let on_saved = {
        let done = done(|t| format!("“{t}” saved."));
        Callback::from(move |a: AgentArticle| done(a.title))
    };
    let on_removed = {
        let done = done(|_| "The article was deleted.".to_owned());
        Callback::from(move |_: AttrValue| done(String::new()))
    };
    let on_cancel = {
        let editing = editing.clone();
        Callback::from(move |()| editing.set(Editing::Nothing))
    };
    let open = |to: Editing| {
        let (editing, saved) = (editing.clone(), saved.clone());
        Callback::from(move |_: MouseEvent| {
            saved.set(None);
            editing.set(to.clone());
        })
    };
    let pick = |set: fn(&mut Filters, String)| {
        let filters = filters.clone();
        move |value: String| {
            let mut f = (*filters).clone();
            set(&mut f, value);
            filters.set(f);
        }
    };
    let several = tenants.len() > 1;
    let tenant_name = |id: &str| {
        tenants
            .iter()
            .find(|t| t.id == id)
            .map_or(id.to_owned(), |t| t.name.clone())
    };
    let list = match &*articles {
        None => html! { <p class="c-muted">{ "Loading articles…" }</p> },
        Some(Err(m)) => html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok(all)) if all.is_empty() => html! {
            <p class="c-muted">{ "No articles yet. Customers see matching articles while they type a ticket subject: write the answers you give most often." }</p>
        },
        Some(Ok(all)) => {
            let shown: Vec<&AgentArticle> = all.iter().filter(|a| filters.keeps(a)).collect();
            let solved: i64 = all.iter().map(|a| a.solved).sum();
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
                            <tbody>{ for shown.iter().map(|a| html! {
                                <tr key={a.id.clone()}>
                                    <td><button type="button" class="c-link" onclick={open(Editing::Article(Rc::new((*a).clone())))}
                                        aria-label={format!("Edit “{}”", a.title)}>{ &a.title }</button></td>
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
                            }) }</tbody>
                        </table>
                    }
                </>
            }
        }
    };
    let choose = |id: &'static str,
                  label: &'static str,
                  value: &str,
                  options: Vec<(String, String)>,
                  any: &'static str,
                  on: Callback<Event>| {
        html! {
            <div class="c-filter">
                <label for={id}>{ label }</label>
                <select {id} onchange={on}>
                    <option value="" selected={value.is_empty()}>{ any }</option>
                    { for options.into_iter().map(|(v, n)| html! { <option value={v.clone()} selected={v == value}>{ n }</option> }) }
                </select>
            </div>
        }
    };
    let tenant_options = tenants
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    let lang_options = Lang::ALL
        .iter()
        .map(|l| (l.tag().to_owned(), text::language(l.tag()).to_owned()))
        .collect();
    let state_options = vec![
        ("published".to_owned(), "Published".to_owned()),
        ("draft".to_owned(), "Draft".to_owned()),
    ];
    let editor_tenants = Rc::new((*tenants).clone());
    html! {
        <section aria-labelledby="c-kb-title-h">
            <div class="c-head">
                <h1 id="c-kb-title-h" class="c-title">{ "Knowledge base" }</h1>
                if *editing == Editing::Nothing {
                    <button type="button" class="c-button" onclick={open(Editing::New)}>{ "New article" }</button>
                }
            </div>
            if let Some(m) = &*saved {
                <p class="c-ok" role="status">{ m }</p>
            }
            {
                match &*editing {
                    Editing::Nothing => html! {},
                    Editing::New => html! {
                        <ArticleEditor api={props.api.clone()} tenants={editor_tenants} on_saved={on_saved.clone()}
                            on_removed={on_removed.clone()} on_cancel={on_cancel.clone()} on_signed_out={props.on_signed_out.clone()} />
                    },
                    Editing::Article(a) => html! {
                        <ArticleEditor key={a.id.clone()} api={props.api.clone()} tenants={editor_tenants} article={a.clone()}
                            {on_saved} {on_removed} {on_cancel} on_signed_out={props.on_signed_out.clone()} />
                    },
                }
            }
            <div class="c-filters">
                if several {
                    { choose("c-kb-f-tenant", "Tenant", &filters.tenant, tenant_options, "All tenants", Callback::from(pick(|f, v| f.tenant = v)).reform(|e: Event| form::select_value(&e))) }
                }
                { choose("c-kb-f-lang", "Language", &filters.lang, lang_options, "Any language", Callback::from(pick(|f, v| f.lang = v)).reform(|e: Event| form::select_value(&e))) }
                { choose("c-kb-f-state", "State", &filters.state, state_options, "Published and drafts", Callback::from(pick(|f, v| f.state = v)).reform(|e: Event| form::select_value(&e))) }
                <div class="c-filter">
                    <label for="c-kb-f-words">{ "Words" }</label>
                    <input id="c-kb-f-words" type="search" value={filters.words.clone()}
                        oninput={Callback::from(pick(|f, v| f.words = v)).reform(|e: InputEvent| form::input_value(&e))} />
                </div>
            </div>
            { list }
        </section>
    }
}
