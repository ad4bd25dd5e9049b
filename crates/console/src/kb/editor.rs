//! Writing or changing one article: title, markdown body, language, tenant, draft or
//! published; deleting it. The server's field messages appear under the field they name.

use std::rc::Rc;

use panelcare_model::{
    FieldError, Lang,
    console::TenantInfo,
    error::FieldErrorCode,
    kb::{AgentArticle, BODY_MAX_CHARS, NewArticle, TITLE_MAX_CHARS},
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::{
    api::Api,
    form::{self, described_by, field, message, problem},
    text,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ArticleEditorProps {
    pub api: Api,
    /// The tenants the agent may write for; a choice appears when there are several.
    pub tenants: Rc<Vec<TenantInfo>>,
    /// The article to change; `None` writes a new one.
    #[prop_or_default]
    pub article: Option<Rc<AgentArticle>>,
    pub on_saved: Callback<AgentArticle>,
    pub on_removed: Callback<AttrValue>,
    pub on_cancel: Callback<()>,
    pub on_signed_out: Callback<()>,
}

/// The fields this form has a place for; anything else the server names goes above it.
const FIELDS: [&str; 4] = ["tenant_id", "lang", "title", "body"];

fn start(props: &ArticleEditorProps) -> NewArticle {
    match &props.article {
        Some(a) => NewArticle {
            tenant_id: a.tenant_id.clone(),
            lang: a.lang.clone(),
            title: a.title.clone(),
            body: a.body.clone(),
            published: a.published,
        },
        None => NewArticle {
            tenant_id: props
                .tenants
                .first()
                .map(|t| t.id.clone())
                .unwrap_or_default(),
            lang: Lang::En.tag().to_owned(),
            title: String::new(),
            body: String::new(),
            published: false,
        },
    }
}

/// What the server would refuse that is plain to see here.
fn check(a: &NewArticle) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (name, value) in [("title", &a.title), ("body", &a.body)] {
        if value.trim().is_empty() {
            errors.push(problem(
                name,
                FieldErrorCode::Required,
                "This field is required.",
            ));
        }
    }
    if a.body.chars().count() > BODY_MAX_CHARS {
        errors.push(problem(
            "body",
            FieldErrorCode::TooLong,
            &format!("At most {BODY_MAX_CHARS} characters."),
        ));
    }
    errors
}

#[component]
pub fn ArticleEditor(props: &ArticleEditorProps) -> Html {
    let draft = use_state(|| start(props));
    let errors = use_state(Vec::<FieldError>::new);
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let confirm_delete = use_state(|| false);
    form::use_first_tenant(&draft, &props.tenants, |d| &mut d.tenant_id);
    let edit = |set: fn(&mut NewArticle, String)| {
        let draft = draft.clone();
        move |value: String| {
            let mut d = (*draft).clone();
            set(&mut d, value);
            draft.set(d);
        }
    };
    let on_title =
        Callback::from(edit(|d, v| d.title = v)).reform(|e: InputEvent| form::input_value(&e));
    let on_body =
        Callback::from(edit(|d, v| d.body = v)).reform(|e: InputEvent| form::textarea_value(&e));
    let on_lang = Callback::from(edit(|d, v| d.lang = v)).reform(|e: Event| form::select_value(&e));
    let on_tenant =
        Callback::from(edit(|d, v| d.tenant_id = v)).reform(|e: Event| form::select_value(&e));
    let on_published = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let mut d = (*draft).clone();
            d.published = form::checked(&e);
            draft.set(d);
        })
    };
    let onsubmit = {
        let (api, draft, errors, failure, busy) = (
            props.api.clone(),
            draft.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
        );
        let (id, on_saved, on_signed_out) = (
            props.article.as_ref().map(|a| a.id.clone()),
            props.on_saved.clone(),
            props.on_signed_out.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let local = check(&draft);
            failure.set(None);
            if !local.is_empty() {
                errors.set(local);
                return;
            }
            let (api, body, errors, failure, busy, id, on_saved, on_signed_out) = (
                api.clone(),
                (*draft).clone(),
                errors.clone(),
                failure.clone(),
                busy.clone(),
                id.clone(),
                on_saved.clone(),
                on_signed_out.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                let saved = match &id {
                    Some(id) => api.update_article(id, &body).await,
                    None => api.create_article(&body).await,
                };
                busy.set(false);
                let outcome = form::Outcome { errors, failure };
                if let Some(saved) = outcome.settle(saved, &FIELDS, &on_signed_out) {
                    on_saved.emit(saved);
                }
            });
        })
    };
    let on_delete = {
        let (api, failure, busy, on_removed, on_signed_out) = (
            props.api.clone(),
            failure.clone(),
            busy.clone(),
            props.on_removed.clone(),
            props.on_signed_out.clone(),
        );
        let id = props
            .article
            .as_ref()
            .map(|a| a.id.clone())
            .unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            let (api, failure, busy, on_removed, on_signed_out, id) = (
                api.clone(),
                failure.clone(),
                busy.clone(),
                on_removed.clone(),
                on_signed_out.clone(),
                id.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                let result = api.remove_article(&id).await;
                busy.set(false);
                match result {
                    Ok(()) => on_removed.emit(id.into()),
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => failure.set(Some(e.message())),
                }
            });
        })
    };
    let ask = |on: bool| {
        let confirm_delete = confirm_delete.clone();
        Callback::from(move |_: MouseEvent| confirm_delete.set(on))
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let d = &*draft;
    let err = |name: &str| message(&errors, name);
    let tenant_name = props
        .tenants
        .iter()
        .find(|t| t.id == d.tenant_id)
        .map_or(d.tenant_id.as_str(), |t| t.name.as_str());
    let title_hint =
        format!("Customers see it among the suggestions; at most {TITLE_MAX_CHARS} characters.");
    let tenant_control = if props.article.is_none() && props.tenants.len() > 1 {
        html! {
            <select id="c-kb-tenant" onchange={on_tenant} aria-invalid={err("tenant_id").map(|_| "true")}
                aria-describedby={described_by("c-kb-tenant", false, err("tenant_id").is_some())}>
                { for props.tenants.iter().map(|t| html! { <option value={t.id.clone()} selected={d.tenant_id == t.id}>{ &t.name }</option> }) }
            </select>
        }
    } else {
        html! { <output id="c-kb-tenant" class="c-fixed">{ tenant_name }</output> }
    };
    let editing = props.article.is_some();
    html! {
        <form class="c-card c-form c-editor" novalidate=true {onsubmit} aria-labelledby="c-kb-form-title">
            <h2 id="c-kb-form-title">{ if editing { "Edit article" } else { "New article" } }</h2>
            if let Some(m) = &*failure {
                <p class="c-error" role="alert">{ m }</p>
            }
            <div class="c-row-fields">
                { field("c-kb-tenant", "Tenant", tenant_control, None, err("tenant_id")) }
                { field("c-kb-lang", "Language", html! {
                    <select id="c-kb-lang" onchange={on_lang} aria-invalid={err("lang").map(|_| "true")}
                        aria-describedby={described_by("c-kb-lang", true, err("lang").is_some())}>
                        { for Lang::ALL.iter().map(|l| html! { <option value={l.tag()} selected={d.lang == l.tag()}>{ text::language(l.tag()) }</option> }) }
                    </select>
                }, Some("Customers whose panel speaks this language are offered it."), err("lang")) }
            </div>
            { field("c-kb-title", "Title", html! {
                <input id="c-kb-title" type="text" maxlength={TITLE_MAX_CHARS.to_string()} value={d.title.clone()} oninput={on_title}
                    aria-invalid={err("title").map(|_| "true")} aria-describedby={described_by("c-kb-title", true, err("title").is_some())} />
            }, Some(&title_hint), err("title")) }
            { field("c-kb-body", "Article (Markdown)", html! {
                <textarea id="c-kb-body" class="c-code" rows="14" value={d.body.clone()} oninput={on_body}
                    aria-invalid={err("body").map(|_| "true")} aria-describedby={described_by("c-kb-body", true, err("body").is_some())} />
            }, Some("**bold**, *italic*, lists, `code` and [links](https://…). Scripts, styles and other link kinds are removed before customers see it."), err("body")) }
            <label class="c-check" for="c-kb-published">
                <input id="c-kb-published" type="checkbox" checked={d.published} onchange={on_published} />
                { " Published: customers are offered it while they type a ticket subject" }
            </label>
            <div class="c-actions">
                <button type="submit" class="c-button" disabled={*busy}>
                    { if d.published { "Publish article" } else { "Save draft" } }
                </button>
                <button type="button" class="c-button c-ghost" onclick={cancel}>{ "Cancel" }</button>
                if editing && !*confirm_delete {
                    <button type="button" class="c-button c-ghost c-danger" onclick={ask(true)}>{ "Delete article" }</button>
                }
            </div>
            if editing && *confirm_delete {
                <div class="c-confirm" role="group" aria-label="Confirm deletion">
                    <p>{ "Delete this article? Customers and agents stop seeing it at once, and it cannot be brought back here. The times it solved a customer's problem stay in the numbers. To hide it for a while instead, untick Published and save it as a draft." }</p>
                    <div class="c-actions">
                        <button type="button" class="c-button c-danger-solid" disabled={*busy} onclick={on_delete}>{ "Yes, delete it" }</button>
                        <button type="button" class="c-button c-ghost" onclick={ask(false)}>{ "Keep it" }</button>
                    </div>
                </div>
            }
        </form>
    }
}
