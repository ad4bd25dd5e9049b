//! The branding editor: a tenant's product name, logo, colours, corner radius, font, theme,
//! languages and wording, with a live preview of the widget and a warning when colours fail
//! WCAG AA contrast.

mod languages;
mod preview;
mod texts;

use panelcare_model::{
    Lang,
    branding::{AA_CONTRAST, Branding, Theme, contrast},
};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::{api::Api, tenants::use_tenants};
use languages::Languages;
use preview::Preview;
use texts::TextsEditor;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct BrandingProps {
    pub api: Api,
    pub on_signed_out: Callback<()>,
}

/// The widget's default primary colour, for the preview and the contrast check.
const DEFAULT_PRIMARY: &str = "#1d4ed8";

/// A callback that changes one part of the form.
fn edit<T: 'static>(form: &UseStateHandle<Branding>, set: fn(&mut Branding, T)) -> Callback<T> {
    let form = form.clone();
    Callback::from(move |value| {
        let mut b = (*form).clone();
        set(&mut b, value);
        form.set(b);
    })
}

#[component]
pub fn BrandingEditor(props: &BrandingProps) -> Html {
    let (tenants, tenant) = use_tenants();
    let form = use_state(Branding::default);
    let message = use_state(|| None::<(bool, String)>);
    // The language whose texts are edited and previewed.
    let text_lang = use_state(|| Lang::En);
    {
        let (api, form, message) = (props.api.clone(), form.clone(), message.clone());
        use_effect_with((*tenant).clone(), move |t| {
            let t = t.clone();
            if !t.is_empty() {
                spawn_local(async move {
                    match api.branding(&t).await {
                        Ok(b) => form.set(b),
                        Err(e) => message.set(Some((false, e.message()))),
                    }
                });
            }
        });
    }
    let text = |set: fn(&mut Branding, String)| {
        edit(&form, set)
            .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value())
    };
    let on_theme = edit(&form, |b, dark| {
        b.theme = if dark { Theme::Dark } else { Theme::Light }
    })
    .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value() == "dark");
    let on_tenant = {
        let tenant = tenant.clone();
        Callback::from(move |e: Event| {
            tenant.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let onsubmit = {
        let (api, form, tenant, message) = (
            props.api.clone(),
            form.clone(),
            tenant.clone(),
            message.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (api, form, tenant, message) = (
                api.clone(),
                form.clone(),
                (*tenant).clone(),
                message.clone(),
            );
            spawn_local(async move {
                match api.save_branding(&tenant, &form).await {
                    Ok(saved) => {
                        form.set(saved);
                        message.set(Some((
                            true,
                            "Saved. Customers see the new look the next time the widget loads."
                                .into(),
                        )));
                    }
                    Err(e) => message.set(Some((false, e.message()))),
                }
            });
        })
    };
    let b = &*form;
    let primary = if b.primary.is_empty() {
        DEFAULT_PRIMARY
    } else {
        b.primary.as_str()
    };
    let warnings: Vec<String> = [
        (
            contrast(primary, "#ffffff"),
            "White button text on the primary colour",
        ),
        (
            contrast(
                primary,
                if b.theme == Theme::Dark {
                    "#111827"
                } else {
                    "#ffffff"
                },
            ),
            "The primary colour as link text on the widget's background",
        ),
    ]
    .into_iter()
    .filter_map(|(ratio, what)| {
        ratio.filter(|r| *r < AA_CONTRAST).map(|r| {
            format!("{what} has a contrast of {r:.1}:1; WCAG AA asks for {AA_CONTRAST}:1.")
        })
    })
    .collect();
    let field = |id: &'static str,
                 label: &'static str,
                 value: String,
                 hint: &'static str,
                 oninput: Callback<InputEvent>| {
        html! {
            <div class="c-field">
                <label for={id}>{ label }</label>
                <input {id} type="text" {value} {oninput} aria-describedby={format!("{id}-hint")} />
                <p class="c-hint" id={format!("{id}-hint")}>{ hint }</p>
            </div>
        }
    };
    html! {
        <section aria-labelledby="c-branding-title">
            <h1 id="c-branding-title" class="c-title">{ "Branding" }</h1>
            <div class="c-branding">
                <form class="c-card c-form c-branding-form" {onsubmit}>
                    <div class="c-field">
                        <label for="c-b-tenant">{ "Tenant" }</label>
                        <select id="c-b-tenant" onchange={on_tenant}>
                            { for tenants.iter().map(|t| html! { <option value={t.id.clone()} selected={*tenant == t.id}>{ &t.name }</option> }) }
                        </select>
                    </div>
                    { field("c-b-name", "Product name", b.product_name.clone(), "Shown above the widget; empty for none.", text(|b, v| b.product_name = v)) }
                    { field("c-b-logo", "Logo URL", b.logo_url.clone(), "An https:// address; empty for none.", text(|b, v| b.logo_url = v)) }
                    { field("c-b-primary", "Primary colour", b.primary.clone(), "#rrggbb; buttons and links. Empty for the default.", text(|b, v| b.primary = v)) }
                    { field("c-b-accent", "Accent colour", b.accent.clone(), "#rrggbb; rating stars. Empty for the default.", text(|b, v| b.accent = v)) }
                    { field("c-b-radius", "Corner radius (px)", b.radius.map(|r| r.to_string()).unwrap_or_default(), "0 to 24; empty for the default.", text(|b, v| b.radius = v.trim().parse().ok())) }
                    { field("c-b-font", "Font stack", b.font.clone(), "Font names and commas, e.g. Inter, Arial, sans-serif.", text(|b, v| b.font = v)) }
                    <div class="c-field">
                        <label for="c-b-theme">{ "Theme" }</label>
                        <select id="c-b-theme" onchange={on_theme}>
                            <option value="light" selected={b.theme == Theme::Light}>{ "Light" }</option>
                            <option value="dark" selected={b.theme == Theme::Dark}>{ "Dark" }</option>
                        </select>
                    </div>
                    <label class="c-check" for="c-b-powered">
                        <input id="c-b-powered" type="checkbox" checked={b.hide_powered_by} onchange={
                            edit(&form, |b, on| b.hide_powered_by = on)
                                .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked())
                        } />
                        { " Hide “Powered by panelcare”" }
                    </label>
                    <Languages value={b.languages.clone()} on_change={edit(&form, |b, l| b.languages = l)} />
                    <TextsEditor value={b.strings.clone()} lang={*text_lang}
                        on_lang={{
                            let text_lang = text_lang.clone();
                            Callback::from(move |l| text_lang.set(l))
                        }}
                        on_change={edit(&form, |b, t| b.strings = t)} />
                    if !warnings.is_empty() {
                        <div class="c-warn" role="status">
                            { for warnings.iter().map(|w| html! { <p>{ w }</p> }) }
                        </div>
                    }
                    if let Some((ok, text)) = &*message {
                        <p class={if *ok { "c-ok" } else { "c-error" }} role="status">{ text }</p>
                    }
                    <button type="submit" class="c-button">{ "Save branding" }</button>
                </form>
                <Preview branding={b.clone()} lang={*text_lang} />
            </div>
        </section>
    }
}
