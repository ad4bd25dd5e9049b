//! The tenant's own wording of the widget, per language: every plain text of the widget (and
//! of the launcher) with our wording as the placeholder; an empty field keeps ours.

use panelcare_model::{
    Lang,
    branding::{STRING_MAX, Texts},
    text::{Catalogue, LAUNCHER_KEYS, OVERRIDABLE, launcher_texts},
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::languages::name;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct TextsProps {
    pub value: Texts,
    /// The language being edited (the preview follows it).
    pub lang: Lang,
    pub on_lang: Callback<Lang>,
    pub on_change: Callback<Texts>,
}

/// `category_idea` → `Category idea`, `err_session` → `Error: session`: the key, readable.
fn readable(key: &str) -> String {
    if let Some(rest) = key.strip_prefix("err_") {
        return format!("Error: {}", rest.replace('_', " "));
    }
    let mut s = key.replace('_', " ");
    if let Some(first) = s.get(0..1) {
        let upper = first.to_ascii_uppercase();
        s.replace_range(0..1, &upper);
    }
    s
}

#[component]
pub fn TextsEditor(props: &TextsProps) -> Html {
    let lang = props.lang;
    let catalogue = Catalogue::of(lang);
    let ours: Vec<(&'static str, &'static str)> = OVERRIDABLE
        .iter()
        .map(|k| (*k, catalogue.get(k).unwrap_or_default()))
        .chain(LAUNCHER_KEYS.iter().copied().zip(launcher_texts(lang)))
        .collect();
    let changed = props.value.of(lang).count();
    let on_lang = {
        let on_lang = props.on_lang.clone();
        Callback::from(move |e: Event| {
            let tag = e.target_unchecked_into::<HtmlSelectElement>().value();
            on_lang.emit(Lang::from_tag(&tag).unwrap_or_default());
        })
    };
    let on_text = |key: &'static str| {
        let (value, on_change) = (props.value.clone(), props.on_change.clone());
        Callback::from(move |e: InputEvent| {
            let mut next = value.clone();
            next.set(
                lang,
                key,
                &e.target_unchecked_into::<HtmlInputElement>().value(),
            );
            on_change.emit(next);
        })
    };
    html! {
        <details class="c-fieldset c-texts">
            <summary>{ format!("Texts: {changed} of {} reworded in {}", ours.len(), name(lang)) }</summary>
            <p class="c-hint">{ "Leave a field empty to keep our wording, shown greyed in it." }</p>
            <div class="c-field">
                <label for="c-b-text-lang">{ "Language" }</label>
                <select id="c-b-text-lang" onchange={on_lang}>
                    { for Lang::ALL.into_iter().map(|l| html! {
                        <option value={l.tag()} selected={l == lang}>{ name(l) }</option>
                    }) }
                </select>
            </div>
            { for ours.iter().map(|&(key, placeholder)| {
                let id = format!("c-b-text-{key}");
                html! {
                    <div class="c-field">
                        <label for={id.clone()}>{ readable(key) }</label>
                        <input {id} type="text" lang={lang.tag()} maxlength={STRING_MAX.to_string()}
                            value={props.value.get(lang, key).unwrap_or_default().to_owned()}
                            {placeholder}
                            oninput={on_text(key)} />
                    </div>
                }
            }) }
        </details>
    }
}
