//! An article's fields: tenant (a choice only for a new article and several tenants),
//! language, title, the Markdown text, and published or draft. The server's messages appear
//! under the field they name.

use std::rc::Rc;

use panelcare_model::{
    FieldError, Lang,
    console::TenantInfo,
    kb::{NewArticle, TITLE_MAX_CHARS},
};
use yew::prelude::*;

use crate::{
    form::{self, described_by, field, message},
    text,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ArticleFieldsProps {
    pub draft: Rc<NewArticle>,
    pub errors: Rc<Vec<FieldError>>,
    pub tenants: Rc<Vec<TenantInfo>>,
    /// A stored article stays with its tenant.
    pub editing: bool,
    pub on_change: Callback<NewArticle>,
}

#[component]
pub fn ArticleFields(props: &ArticleFieldsProps) -> Html {
    let d = &*props.draft;
    // A callback that changes one part of the draft.
    let edit = |set: fn(&mut NewArticle, String)| {
        let (draft, on_change) = (props.draft.clone(), props.on_change.clone());
        Callback::from(move |value: String| {
            let mut d = (*draft).clone();
            set(&mut d, value);
            on_change.emit(d);
        })
    };
    let on_published = {
        let (draft, on_change) = (props.draft.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let mut d = (*draft).clone();
            d.published = form::checked(&e);
            on_change.emit(d);
        })
    };
    let err = |name: &str| message(&props.errors, name);
    let tenant_name = props
        .tenants
        .iter()
        .find(|t| t.id == d.tenant_id)
        .map_or(d.tenant_id.as_str(), |t| t.name.as_str());
    let title_hint =
        format!("Customers see it among the suggestions; at most {TITLE_MAX_CHARS} characters.");
    let tenant_control = if !props.editing && props.tenants.len() > 1 {
        html! {
            <select id="c-kb-tenant" onchange={edit(|d, v| d.tenant_id = v).reform(|e: Event| form::select_value(&e))}
                aria-invalid={err("tenant_id").map(|_| "true")}
                aria-describedby={described_by("c-kb-tenant", false, err("tenant_id").is_some())}>
                { for props.tenants.iter().map(|t| html! { <option value={t.id.clone()} selected={d.tenant_id == t.id}>{ &t.name }</option> }) }
            </select>
        }
    } else {
        html! { <output id="c-kb-tenant" class="c-fixed">{ tenant_name }</output> }
    };
    html! {
        <>
            <div class="c-row-fields">
                { field("c-kb-tenant", "Tenant", tenant_control, None, err("tenant_id")) }
                { field("c-kb-lang", "Language", html! {
                    <select id="c-kb-lang" onchange={edit(|d, v| d.lang = v).reform(|e: Event| form::select_value(&e))}
                        aria-invalid={err("lang").map(|_| "true")}
                        aria-describedby={described_by("c-kb-lang", true, err("lang").is_some())}>
                        { for Lang::ALL.iter().map(|l| html! { <option value={l.tag()} selected={d.lang == l.tag()}>{ text::language(l.tag()) }</option> }) }
                    </select>
                }, Some("Customers whose panel speaks this language are offered it."), err("lang")) }
            </div>
            { field("c-kb-title", "Title", html! {
                <input id="c-kb-title" type="text" maxlength={TITLE_MAX_CHARS.to_string()} value={d.title.clone()}
                    oninput={edit(|d, v| d.title = v).reform(|e: InputEvent| form::input_value(&e))}
                    aria-invalid={err("title").map(|_| "true")} aria-describedby={described_by("c-kb-title", true, err("title").is_some())} />
            }, Some(&title_hint), err("title")) }
            { field("c-kb-body", "Article (Markdown)", html! {
                <textarea id="c-kb-body" class="c-code" rows="14" value={d.body.clone()}
                    oninput={edit(|d, v| d.body = v).reform(|e: InputEvent| form::textarea_value(&e))}
                    aria-invalid={err("body").map(|_| "true")} aria-describedby={described_by("c-kb-body", true, err("body").is_some())} />
            }, Some("**bold**, *italic*, lists, `code` and [links](https://…). Scripts, styles and other link kinds are removed before customers see it."), err("body")) }
            <label class="c-check" for="c-kb-published">
                <input id="c-kb-published" type="checkbox" checked={d.published} onchange={on_published} />
                { " Published: customers are offered it while they type a ticket subject" }
            </label>
        </>
    }
}
