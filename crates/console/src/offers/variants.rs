//! A rule's A/B test: variants with their share of customers and, optionally, their own
//! headline and body (blank keeps the rule's).

use std::rc::Rc;

use panelcare_model::{FieldError, offers::Variant};
use yew::prelude::*;

use super::errors::{at, within};
use crate::form::{self, described_by, error_line};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct VariantsProps {
    /// The id stem of the rule's inputs: `c-r-0`.
    pub stem: AttrValue,
    pub variants: Rc<Vec<Variant>>,
    /// The rule's errors, named inside it (`variants[1].weight`, `variants`).
    pub errors: Rc<Vec<FieldError>>,
    pub on_change: Callback<Vec<Variant>>,
}

#[component]
pub fn VariantsTable(props: &VariantsProps) -> Html {
    let stem = props.stem.as_str();
    let list = &*props.variants;
    let whole = props
        .errors
        .iter()
        .find(|e| e.field == "variants")
        .map(|e| e.message.as_str());
    let edit = |n: usize, set: fn(&mut Variant, String)| {
        let (list, on_change) = (list.clone(), props.on_change.clone());
        Callback::from(move |e: InputEvent| {
            let mut next = list.clone();
            set(&mut next[n], form::input_value(&e));
            on_change.emit(next);
        })
    };
    let on_add = {
        let (list, on_change) = (list.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = list.clone();
            // A test needs two arms: the first click adds both.
            let wanted = if next.is_empty() { 2 } else { 1 };
            for _ in 0..wanted {
                let id = (b'a'..=b'z')
                    .map(|c| (c as char).to_string())
                    .find(|id| !next.iter().any(|v| &v.id == id))
                    .unwrap_or_else(|| format!("v{}", next.len() + 1));
                next.push(Variant {
                    id,
                    weight: 50,
                    headline: String::new(),
                    body: String::new(),
                });
            }
            on_change.emit(next);
        })
    };
    let row = |n: usize, v: &Variant| {
        let mine = within(&props.errors, &format!("variants[{n}]"));
        let cell = |f: &str, label: String, value: String, set: fn(&mut Variant, String)| {
            let id = format!("{stem}-variant-{n}-{f}");
            let error = at(&mine, f);
            html! {
                <td class={error.map(|_| "c-invalid")}>
                    <input id={id.clone()} type="text" {value} aria-label={label} oninput={edit(n, set)}
                        aria-invalid={error.map(|_| "true")} aria-describedby={described_by(&id, false, error.is_some())} />
                    { error_line(&id, error) }
                </td>
            }
        };
        let on_remove = {
            let (list, on_change) = (list.clone(), props.on_change.clone());
            Callback::from(move |_: MouseEvent| {
                let mut next = list.clone();
                next.remove(n);
                on_change.emit(next);
            })
        };
        let which = format!("variant {}", n + 1);
        html! {
            <tr key={n}>
                { cell("id", format!("Id of {which}"), v.id.clone(), |v, s| v.id = s.trim().to_owned()) }
                { cell("weight", format!("Weight of {which}"), if v.weight == 0 { String::new() } else { v.weight.to_string() },
                    |v, s| v.weight = s.trim().parse().unwrap_or(0)) }
                { cell("headline", format!("Headline of {which}"), v.headline.clone(), |v, s| v.headline = s) }
                { cell("body", format!("Body of {which}"), v.body.clone(), |v, s| v.body = s) }
                <td>
                    <button type="button" class="c-button c-ghost c-small c-danger" onclick={on_remove}
                        aria-label={format!("Remove {which}")}>{ "Remove" }</button>
                </td>
            </tr>
        }
    };
    html! {
        <fieldset class={if whole.is_some() { "c-fieldset c-invalid" } else { "c-fieldset" }}
            aria-describedby={described_by(&format!("{stem}-variants"), true, whole.is_some())}>
            <legend>{ "A/B variants" }</legend>
            <p class="c-hint" id={format!("{stem}-variants-hint")}>{ "Optional. Each customer always sees the same variant, chosen by weight; a blank headline or body keeps the rule's. The numbers are counted per variant." }</p>
            if !list.is_empty() {
                <table class="c-table c-variants">
                    <thead><tr>
                        <th scope="col">{ "Id" }</th><th scope="col">{ "Weight" }</th><th scope="col">{ "Headline" }</th>
                        <th scope="col">{ "Body" }</th><th scope="col"><span class="c-hint">{ "Remove" }</span></th>
                    </tr></thead>
                    <tbody>{ for list.iter().enumerate().map(|(n, v)| row(n, v)) }</tbody>
                </table>
            }
            { error_line(&format!("{stem}-variants"), whole) }
            <div class="c-actions">
                <button type="button" class="c-button c-ghost c-small" onclick={on_add}>
                    { if list.is_empty() { "Start an A/B test" } else { "Add a variant" } }
                </button>
            </div>
        </fieldset>
    }
}
