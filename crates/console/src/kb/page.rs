//! The knowledge base: every article of the tenants in scope with its language, state and how
//! often it answered a customer instead of a ticket; filters; the editor of the article the
//! address names (`/console/kb/{id}`, or `/console/kb/new` for a new one).

use std::rc::Rc;

use panelcare_model::kb::AgentArticle;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::{
    ArticleEditor, NEW,
    filters::KbFilters,
    state::{Action, KbState, Listed},
    table::ArticleTable,
};
use crate::{
    console::use_console,
    focus,
    route::{self, Route},
    tenants::use_tenants,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct KbProps {
    /// The article whose editor is open, from the address.
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

#[component]
pub fn KbView(props: &KbProps) -> Html {
    let console = use_console();
    let navigator = use_navigator();
    let (tenants, _) = use_tenants();
    let tenants = Rc::new((*tenants).clone());
    let state = use_reducer(KbState::default);
    {
        let (console, dispatch) = (console.clone(), state.dispatcher());
        use_effect_with(state.read, move |_| {
            spawn_local(async move {
                let answer = console.api.articles().await;
                if let Some(list) = console.settle(answer, |e| {
                    dispatch.dispatch(Action::Failed(e.message()));
                }) {
                    dispatch.dispatch(Action::Loaded(list));
                }
            });
        });
    }
    {
        let state = state.dispatcher();
        use_effect_with(props.id.clone(), move |id| {
            if id.is_some() {
                state.dispatch(Action::Opened);
            } else {
                // The editor and the control that closed it are gone.
                focus::later_if_lost("c-kb-title-h");
            }
        });
    }
    let go = |to: Route| {
        let navigator = navigator.clone();
        move || route::go(&navigator, &to)
    };
    // Saved or deleted: say so, read the list again and close the editor.
    let close = {
        let (state, back) = (state.dispatcher(), go(Route::Knowledge));
        Callback::from(move |said: String| {
            state.dispatch(Action::Changed(said));
            back();
        })
    };
    let on_saved = close.reform(|a: AgentArticle| format!("“{}” saved.", a.title));
    let on_removed = close.reform(|_: AttrValue| "The article was deleted.".to_owned());
    let on_cancel = {
        let back = go(Route::Knowledge);
        Callback::from(move |()| back())
    };
    let new = {
        let open = go(Route::Article { id: NEW.into() });
        Callback::from(move |_: MouseEvent| open())
    };
    let editor = match props.id.as_deref() {
        None => html! {},
        Some(NEW) => html! {
            <ArticleEditor key={NEW} tenants={tenants.clone()} {on_saved} {on_removed} {on_cancel} />
        },
        Some(id) => match (state.article(id), &state.articles) {
            (Some(a), _) => html! {
                <ArticleEditor key={id.to_owned()} tenants={tenants.clone()} article={a} {on_saved} {on_removed} {on_cancel} />
            },
            (None, Listed::Loaded(_)) => html! {
                <p class="c-error" role="alert">{ "There is no article at this address: it may have been deleted." }</p>
            },
            // Still loading, or the list says why it is not here.
            (None, _) => html! {},
        },
    };
    let list = match &state.articles {
        Listed::Loading => html! { <p class="c-muted">{ "Loading articles…" }</p> },
        Listed::Failed(m) => html! { <p class="c-error" role="alert">{ m }</p> },
        Listed::Loaded(all) => html! {
            <ArticleTable articles={all.clone()} filters={state.filters.clone()} tenants={tenants.clone()} />
        },
    };
    let on_filter = {
        let state = state.dispatcher();
        Callback::from(move |f| state.dispatch(Action::Filter(f)))
    };
    html! {
        <section aria-labelledby="c-kb-title-h">
            <div class="c-head">
                <h1 id="c-kb-title-h" class="c-title" tabindex="-1">{ "Knowledge base" }</h1>
                if props.id.is_none() {
                    <button type="button" class="c-button" onclick={new}>{ "New article" }</button>
                }
            </div>
            if let Some(m) = &state.said {
                <p class="c-ok" role="status">{ m }</p>
            }
            { editor }
            <KbFilters filters={state.filters.clone()} {tenants} on_change={on_filter} />
            { list }
        </section>
    }
}
