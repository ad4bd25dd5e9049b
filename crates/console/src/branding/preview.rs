//! The live preview beside the branding form: the widget's look and words as the tenant's
//! customers will see them, in the language whose texts are being edited.

use panelcare_model::{
    Lang,
    branding::{Branding, Theme},
    text::Catalogue,
};
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct PreviewProps {
    pub branding: Branding,
    pub lang: Lang,
}

#[component]
pub fn Preview(props: &PreviewProps) -> Html {
    let node = use_node_ref();
    // The preview uses the same custom properties the widget does, set through the CSSOM.
    {
        let node = node.clone();
        use_effect_with(props.branding.clone(), move |b| {
            if let Some(el) = node.cast::<HtmlElement>() {
                let style = el.style();
                let radius = b.radius.map(|r| format!("{r}px")).unwrap_or_default();
                // A value the browser cannot parse (half-typed) is ignored by it: the
                // preview keeps the previous look, and nothing can leave the property.
                for (p, v) in [
                    ("--pc-primary", b.primary.as_str()),
                    ("--pc-star", b.accent.as_str()),
                    ("--pc-radius", radius.as_str()),
                    ("--pc-font", b.font.as_str()),
                ] {
                    let _ = if v.is_empty() {
                        style.remove_property(p).map(|_| ())
                    } else {
                        style.set_property(p, v)
                    };
                }
            }
        });
    }
    let b = &props.branding;
    let ours = Catalogue::of(props.lang);
    // The tenant's word where it has one, ours otherwise: what the widget does.
    let t = |key: &str| -> String {
        b.strings
            .get(props.lang, key)
            .or_else(|| ours.get(key))
            .unwrap_or_default()
            .to_owned()
    };
    html! {
        <div class="c-preview-wrap" aria-label="Preview">
            <p class="c-hint">{ "Preview" }</p>
            <div ref={node} lang={props.lang.tag()} class={if b.theme == Theme::Dark { "c-preview p-dark" } else { "c-preview" }}>
                if !b.product_name.is_empty() {
                    <p class="p-brand">{ &b.product_name }</p>
                }
                <p class="p-title">{ t("title") }</p>
                <p class="p-muted">{ t("intro") }</p>
                <p class="p-chips">
                    <span class="p-chip p-on">{ t("category_idea") }</span>
                    <span class="p-chip">{ t("category_problem") }</span>
                    <span class="p-chip">{ t("category_praise") }</span>
                </p>
                <p class="p-stars">{ "★★★★" }<span class="p-dim">{ "★" }</span></p>
                <span class="p-button">{ t("submit") }</span>
                <p class="p-answer"><strong>{ t("answer_title") }</strong><br />{ "Thanks! This is planned for spring." }</p>
                if !b.hide_powered_by {
                    <p class="p-muted p-powered">{ t("powered_by") }</p>
                }
            </div>
        </div>
    }
}
