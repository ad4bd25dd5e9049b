//! Writing or changing one article and saving it, or deleting it; the page opens it at the
//! article's address and closes it when it is saved, deleted or given up.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    console::TenantInfo,
    kb::{AgentArticle, NewArticle},
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{
    delete::DeleteArticle,
    draft::{FIELDS, check, start},
    fields::ArticleFields,
};
use crate::{console::use_console, focus, form};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ArticleEditorProps {
    /// The tenants the agent may write for; a choice appears when there are several.
    pub tenants: Rc<Vec<TenantInfo>>,
    /// The article to change; `None` writes a new one.
    #[prop_or_default]
    pub article: Option<Rc<AgentArticle>>,
    pub on_saved: Callback<AgentArticle>,
    pub on_removed: Callback<AttrValue>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn ArticleEditor(props: &ArticleEditorProps) -> Html {
    let console = use_console();
    let draft = use_state(|| start(props.article.as_deref(), &props.tenants));
    let errors = use_state(Vec::<FieldError>::new);
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let confirm_delete = use_state(|| false);
    form::use_first_tenant(&draft, &props.tenants, |d| &mut d.tenant_id);
    // Opened from a link or a button that stays where it was: the work goes on here.
    use_effect_with((), |_| focus::later("c-kb-form-title"));
    let onsubmit = {
        let (draft, errors, failure, busy) =
            (draft.clone(), errors.clone(), failure.clone(), busy.clone());
        let id = props.article.as_ref().map(|a| a.id.clone());
        let on_saved = props.on_saved.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let local = check(&draft);
            failure.set(None);
            if !local.is_empty() {
                errors.set(local);
                return;
            }
            let (api, body, id, on_saved) = (
                console.api.clone(),
                (*draft).clone(),
                id.clone(),
                on_saved.clone(),
            );
            let (console, busy) = (console.clone(), busy.clone());
            let outcome = form::Outcome {
                errors: errors.clone(),
                failure: failure.clone(),
            };
            busy.set(true);
            spawn_local(async move {
                let saved = match &id {
                    Some(id) => api.update_article(id, &body).await,
                    None => api.create_article(&body).await,
                };
                busy.set(false);
                if let Some(saved) = outcome.settle(saved, &FIELDS, &console) {
                    on_saved.emit(saved);
                }
            });
        })
    };
    let ask = |on: bool| {
        let confirm_delete = confirm_delete.clone();
        Callback::from(move |()| {
            confirm_delete.set(on);
            focus::later(if on { "c-kb-delete-yes" } else { "c-kb-delete" });
        })
    };
    let on_failed = {
        let failure = failure.clone();
        Callback::from(move |m: String| failure.set(Some(m)))
    };
    let on_change = {
        let draft = draft.clone();
        Callback::from(move |d: NewArticle| draft.set(d))
    };
    let d = &*draft;
    let article = props.article.as_ref();
    html! {
        <form class="c-card c-form c-editor" novalidate=true {onsubmit} aria-labelledby="c-kb-form-title">
            <h2 id="c-kb-form-title" tabindex="-1">{ if article.is_some() { "Edit article" } else { "New article" } }</h2>
            if let Some(m) = &*failure {
                <p class="c-error" role="alert">{ m }</p>
            }
            <ArticleFields draft={Rc::new(d.clone())} errors={Rc::new((*errors).clone())} tenants={props.tenants.clone()}
                editing={article.is_some()} {on_change} />
            <div class="c-actions">
                <button type="submit" class="c-button" disabled={*busy}>
                    { if d.published { "Publish article" } else { "Save draft" } }
                </button>
                <button type="button" class="c-button c-ghost" onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
                if article.is_some() && !*confirm_delete {
                    <button id="c-kb-delete" type="button" class="c-button c-ghost c-danger"
                        onclick={ask(true).reform(|_: MouseEvent| ())}>{ "Delete article" }</button>
                }
            </div>
            if let (Some(a), true) = (article, *confirm_delete) {
                <DeleteArticle id={AttrValue::from(a.id.clone())} on_removed={props.on_removed.clone()} on_keep={ask(false)} {on_failed} />
            }
        </form>
    }
}
