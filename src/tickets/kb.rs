//! Self-service first: while the customer types a subject, matching articles appear; one can
//! be read in place and marked "this solved it" instead of opening a ticket.

use gloo::timers::callback::Timeout;
use panelcare_model::kb::{Article, ArticleHit};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::focus::focus_soon;
use crate::session::use_session;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct SuggestionsProps {
    /// What the customer typed as the subject so far.
    pub subject: AttrValue,
}

/// Wait this long after the last key before searching.
const DEBOUNCE_MS: u32 = 300;

#[component]
pub fn Suggestions(props: &SuggestionsProps) -> Html {
    let session = use_session();
    let t = session.i18n.t;
    let hits = use_state(Vec::<ArticleHit>::new);
    let open = use_state(|| None::<Article>);
    let solved = use_state(|| false);
    let timer = use_mut_ref(|| None::<Timeout>);
    // Which subject the latest search is for: an answer to an earlier one (the customer kept
    // typing, or shortened it) is dropped rather than shown over the current subject.
    let latest = use_mut_ref(|| 0u32);
    // Opening, closing or settling an article removes the button pressed: focus moves on to
    // what took its place.
    let node = use_node_ref();
    {
        let (api, hits, timer, latest) = (
            session.api.clone(),
            hits.clone(),
            timer.clone(),
            latest.clone(),
        );
        use_effect_with(props.subject.clone(), move |subject| {
            let typed = subject.trim().to_owned();
            let this = {
                let mut n = latest.borrow_mut();
                *n = n.wrapping_add(1);
                *n
            };
            if typed.chars().count() < 3 {
                hits.set(Vec::new());
            }
            *timer.borrow_mut() = (typed.chars().count() >= 3).then(|| {
                Timeout::new(DEBOUNCE_MS, move || {
                    spawn_local(async move {
                        if let Ok(found) = api.kb_search(&typed).await
                            && *latest.borrow() == this
                        {
                            hits.set(found);
                        }
                    });
                })
            });
        });
    }
    let body = if *solved {
        html! { <p class="pc-notice pc-ok pc-solved" tabindex="-1">{ t.solved_thanks }</p> }
    } else if let Some(article) = &*open {
        let on_solved = {
            let (api, id, solved, node) = (
                session.api.clone(),
                article.id.clone(),
                solved.clone(),
                node.clone(),
            );
            Callback::from(move |_: MouseEvent| {
                let (api, id, solved, node) =
                    (api.clone(), id.clone(), solved.clone(), node.clone());
                spawn_local(async move {
                    if api.kb_solved(&id).await.is_ok() {
                        focus_soon(&node, ".pc-solved");
                        solved.set(true);
                    }
                });
            })
        };
        let close = {
            let (open, node) = (open.clone(), node.clone());
            Callback::from(move |_: MouseEvent| {
                focus_soon(&node, ".pc-suggestions button");
                open.set(None);
            })
        };
        html! {
            <article class="pc-article" aria-labelledby="pc-article-title">
                <h3 id="pc-article-title" class="pc-subtitle" tabindex="-1">{ &article.title }</h3>
                // Cleaned on the server to an allowlist of tags and link schemes.
                <div class="pc-article-body">{ Html::from_html_unchecked(AttrValue::from(article.html.clone())) }</div>
                <p class="pc-actions">
                    <button type="button" class="pc-button pc-primary" onclick={on_solved}>{ t.solved_it }</button>
                    <button type="button" class="pc-button" onclick={close}>{ t.article_close }</button>
                </p>
            </article>
        }
    } else if hits.is_empty() {
        html! {}
    } else {
        html! {
        <div class="pc-suggestions" role="region" aria-label={t.suggestions_title}>
            <p class="pc-label">{ t.suggestions_title }</p>
            <ul>
                { for hits.iter().map(|h| {
                    let (api, id, open, node) = (session.api.clone(), h.id.clone(), open.clone(), node.clone());
                    let onclick = Callback::from(move |_: MouseEvent| {
                        let (api, id, open, node) = (api.clone(), id.clone(), open.clone(), node.clone());
                        spawn_local(async move {
                            if let Ok(a) = api.kb_article(&id).await {
                                focus_soon(&node, "#pc-article-title");
                                open.set(Some(a));
                            }
                        });
                    });
                    html! {
                        <li key={h.id.clone()}>
                            <button type="button" class="pc-link" {onclick}>{ &h.title }</button>
                            <span class="pc-muted pc-snippet">{ &h.snippet }</span>
                        </li>
                    }
                }) }
            </ul>
        </div>
        }
    };
    // Said once as suggestions appear while the customer types; the list itself is not read
    // out on every keystroke.
    let announce = !*solved && open.is_none() && !hits.is_empty();
    html! {
        <div class="pc-kb" ref={node}>
            <p class="pc-sr" aria-live="polite">{ if announce { t.suggestions_title } else { "" } }</p>
            { body }
        </div>
    }
}
