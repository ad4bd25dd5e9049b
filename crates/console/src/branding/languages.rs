//! Which languages a tenant's customers may see, and which one they get when their panel
//! speaks none of them.

use panelcare_model::Lang;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct LanguagesProps {
    /// Tags in order, the default first; empty for all.
    pub value: Vec<String>,
    pub on_change: Callback<Vec<String>>,
}

/// The language's name in itself, as a customer would look for it.
pub fn name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Ru => "Русский",
        Lang::SrLatn => "Srpski (latinica)",
    }
}

#[component]
pub fn Languages(props: &LanguagesProps) -> Html {
    let chosen = &props.value;
    let on_tick = |lang: Lang| {
        let (chosen, on_change) = (chosen.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            let mut next: Vec<String> = chosen
                .iter()
                .filter(|t| *t != lang.tag())
                .cloned()
                .collect();
            if on {
                next.push(lang.tag().to_owned());
            }
            on_change.emit(next);
        })
    };
    let on_default = {
        let (chosen, on_change) = (chosen.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let tag = e.target_unchecked_into::<HtmlSelectElement>().value();
            let mut next: Vec<String> = vec![tag.clone()];
            next.extend(chosen.iter().filter(|t| **t != tag).cloned());
            on_change.emit(next);
        })
    };
    html! {
        <fieldset class="c-fieldset">
            <legend>{ "Languages" }</legend>
            <p class="c-hint" id="c-b-langs-hint">
                { "The widget speaks the panel's language when it is ticked here, otherwise the default. None ticked: every language, English by default." }
            </p>
            { for Lang::ALL.into_iter().map(|lang| {
                let id = format!("c-b-lang-{}", lang.tag());
                html! {
                    <label class="c-check" for={id.clone()}>
                        <input {id} type="checkbox" checked={chosen.iter().any(|t| t == lang.tag())} onchange={on_tick(lang)} />
                        { " " }{ name(lang) }
                    </label>
                }
            }) }
            if chosen.len() > 1 {
                <div class="c-field">
                    <label for="c-b-default-lang">{ "Default language" }</label>
                    <select id="c-b-default-lang" onchange={on_default}>
                        { for chosen.iter().filter_map(|t| Lang::from_tag(t)).map(|lang| html! {
                            <option value={lang.tag()} selected={chosen.first().is_some_and(|f| f == lang.tag())}>{ name(lang) }</option>
                        }) }
                    </select>
                </div>
            }
        </fieldset>
    }
}
