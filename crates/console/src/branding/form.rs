//! One tenant's branding as a form: product name, logo, colours, corner radius, font, theme,
//! languages and wording, with the live preview beside it. Loaded when the tenant is chosen,
//! saved whole.

use panelcare_model::{
    Lang,
    branding::{Branding, LauncherSide, Theme},
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::{checks::warnings, languages::Languages, preview::Preview, texts::TextsEditor};
use crate::loaded::use_loaded;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct BrandingFormProps {
    pub tenant: AttrValue,
    /// The tenant choice, drawn at the top of the form.
    pub picker: Html,
}

/// A text input with its label and hint.
fn text_field(
    id: &'static str,
    label: &'static str,
    value: String,
    hint: &'static str,
    oninput: Callback<InputEvent>,
) -> Html {
    html! {
        <div class="c-field">
            <label for={id}>{ label }</label>
            <input {id} type="text" {value} {oninput} aria-describedby={format!("{id}-hint")} />
            <p class="c-hint" id={format!("{id}-hint")}>{ hint }</p>
        </div>
    }
}

#[component]
pub fn BrandingForm(props: &BrandingFormProps) -> Html {
    let editor = use_loaded(
        props.tenant.clone(),
        Branding::clone,
        |api, tenant| async move { api.branding(&tenant).await },
    );
    // The language whose texts are edited and previewed.
    let text_lang = use_state(|| Lang::En);
    if let Err(shown) = editor.ready("Loading the branding…") {
        // The same form element with the picker first as when loaded, so the tenant select
        // stays in place (and keeps the keyboard's focus) while another tenant's look loads.
        let hold = Callback::from(|e: SubmitEvent| e.prevent_default());
        return html! {
            <>
                <form class="c-card c-form c-branding-form" onsubmit={hold}>
                    { props.picker.clone() }{ shown }
                </form>
            </>
        };
    }
    let text = |set: fn(&mut Branding, String)| {
        editor
            .edit(set)
            .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value())
    };
    let on_theme = editor
        .edit(|b: &mut Branding, dark: bool| {
            b.theme = if dark { Theme::Dark } else { Theme::Light }
        })
        .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value() == "dark");
    let on_powered = editor
        .edit(|b: &mut Branding, on: bool| b.hide_powered_by = on)
        .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked());
    let on_launcher = editor
        .edit(|b: &mut Branding, on: bool| b.launcher = on)
        .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked());
    let on_side = editor
        .edit(|b: &mut Branding, left: bool| {
            b.launcher_side = if left {
                LauncherSide::Left
            } else {
                LauncherSide::Right
            }
        })
        .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value() == "left");
    let on_lang = {
        let text_lang = text_lang.clone();
        Callback::from(move |l| text_lang.set(l))
    };
    let onsubmit = {
        let (editor, tenant) = (editor.clone(), props.tenant.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let tenant = tenant.clone();
            editor.save(
                move |api, draft| async move { api.save_branding(&tenant, &draft).await },
                |_| "Saved. Customers see the new look the next time the widget loads.".into(),
                &[],
            );
        })
    };
    let b = &*editor.draft;
    let warnings = warnings(b);
    html! {
        <>
            <form class="c-card c-form c-branding-form" {onsubmit}>
                { props.picker.clone() }
                { text_field("c-b-name", "Product name", b.product_name.clone(), "Shown above the widget; empty for none.", text(|b, v| b.product_name = v)) }
                { text_field("c-b-logo", "Logo URL", b.logo_url.clone(), "An https:// address; empty for none.", text(|b, v| b.logo_url = v)) }
                { text_field("c-b-primary", "Primary colour", b.primary.clone(), "#rrggbb; buttons and links. Empty for the default.", text(|b, v| b.primary = v)) }
                { text_field("c-b-accent", "Accent colour", b.accent.clone(), "#rrggbb; rating stars. Empty for the default.", text(|b, v| b.accent = v)) }
                { text_field("c-b-radius", "Corner radius (px)", b.radius.map(|r| r.to_string()).unwrap_or_default(), "0 to 24; empty for the default.", text(|b, v| b.radius = v.trim().parse().ok())) }
                { text_field("c-b-font", "Font stack", b.font.clone(), "Font names and commas, e.g. Inter, Arial, sans-serif.", text(|b, v| b.font = v)) }
                <div class="c-field">
                    <label for="c-b-theme">{ "Theme" }</label>
                    <select id="c-b-theme" onchange={on_theme}>
                        <option value="light" selected={b.theme == Theme::Light}>{ "Light" }</option>
                        <option value="dark" selected={b.theme == Theme::Dark}>{ "Dark" }</option>
                    </select>
                </div>
                <label class="c-check" for="c-b-powered">
                    <input id="c-b-powered" type="checkbox" checked={b.hide_powered_by} onchange={on_powered} />
                    { " Hide “Powered by panelcare”" }
                </label>
                <label class="c-check" for="c-b-launcher">
                    <input id="c-b-launcher" type="checkbox" checked={b.launcher} onchange={on_launcher}
                        aria-describedby="c-b-launcher-hint" />
                    { " Floating launcher button" }
                </label>
                <p class="c-hint" id="c-b-launcher-hint">{ "A button in a corner of every panel page with the widget's loader, in the primary colour, with the customer's unread answers; it opens support, feedback and ideas in a drawer. For panels with no room for the widgets' boxes. A page can still turn it off." }</p>
                <div class="c-field">
                    <label for="c-b-launcher-side">{ "Launcher's corner" }</label>
                    <select id="c-b-launcher-side" onchange={on_side}>
                        <option value="right" selected={b.launcher_side == LauncherSide::Right}>{ "Bottom right" }</option>
                        <option value="left" selected={b.launcher_side == LauncherSide::Left}>{ "Bottom left" }</option>
                    </select>
                </div>
                <Languages value={b.languages.clone()} on_change={editor.edit(|b: &mut Branding, l| b.languages = l)} />
                <TextsEditor value={b.strings.clone()} lang={*text_lang} {on_lang}
                    on_change={editor.edit(|b: &mut Branding, t| b.strings = t)} />
                if !warnings.is_empty() {
                    <div class="c-warn" role="status">
                        { for warnings.iter().map(|w| html! { <p>{ w }</p> }) }
                    </div>
                }
                if let Some((ok, text)) = &*editor.outcome {
                    <p class={if *ok { "c-ok" } else { "c-error" }} role="status">{ text }</p>
                }
                <button type="submit" class="c-button" disabled={*editor.busy}>{ "Save branding" }</button>
            </form>
            <Preview branding={b.clone()} lang={*text_lang} />
        </>
    }
}
