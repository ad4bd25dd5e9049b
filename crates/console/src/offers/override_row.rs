//! One item of the provider's catalogue in a reseller's table: hide it, or give it the
//! reseller's own name, price and currency (blank keeps the provider's).

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    offers::{Item, ItemKind},
};
use yew::prelude::*;

use super::{errors::at, item::kind_name, override_draft::Change, units};
use crate::form::{self, described_by, error_line};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct OverrideRowProps {
    pub kind: ItemKind,
    pub item: Rc<Item>,
    pub change: Change,
    /// This item's errors, named inside it (`name`, `price.cents`).
    pub errors: Rc<Vec<FieldError>>,
    pub on_change: Callback<Change>,
}

#[component]
pub fn OverrideRow(props: &OverrideRowProps) -> Html {
    let (kind, item, c, mine) = (props.kind, &*props.item, &props.change, &props.errors);
    let stem = format!("c-ov-{}-{}", kind.as_str(), item.id);
    let change = |set: fn(&mut Change, String)| {
        let (c, on_change) = (c.clone(), props.on_change.clone());
        Callback::from(move |value: String| {
            let mut next = c.clone();
            set(&mut next, value);
            on_change.emit(next);
        })
    };
    let on_hide = {
        let (c, on_change) = (c.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let mut next = c.clone();
            next.hidden = form::checked(&e);
            on_change.emit(next);
        })
    };
    let input = |f: &str,
                 label: String,
                 value: String,
                 placeholder: String,
                 name: &str,
                 set: fn(&mut Change, String)| {
        let id = format!("{stem}-{f}");
        let error = at(mine, name);
        html! {
            <td class={error.map(|_| "c-invalid")}>
                <input id={id.clone()} type="text" {value} {placeholder} aria-label={label}
                    oninput={change(set).reform(|e: InputEvent| form::input_value(&e))}
                    aria-invalid={error.map(|_| "true")} aria-describedby={described_by(&id, false, error.is_some())} />
                { error_line(&id, error) }
            </td>
        }
    };
    let whole = at(mine, "");
    let provider_price =
        units::price_text(item.price.cents, &item.price.currency, item.price.period);
    html! {
        <tr class={c.hidden.then_some("c-hidden-item")}>
            <th scope="row">
                { &item.name }
                <span class="c-hint">{ format!(" {} · {} · {provider_price}", kind_name(kind), item.id) }</span>
                { error_line(&format!("{stem}-item"), whole) }
            </th>
            <td>
                <label class="c-check" for={format!("{stem}-hidden")}>
                    <input id={format!("{stem}-hidden")} type="checkbox" checked={c.hidden} onchange={on_hide}
                        aria-label={format!("Hide {} from your customers", item.name)} />
                    { " Hide" }
                </label>
            </td>
            { input("name", format!("Your name for {}", item.name), c.name.clone(), item.name.clone(), "name", |c, v| c.name = v) }
            { input("price", format!("Your price for {}", item.name), c.price.clone(), units::cents_input(item.price.cents), "price.cents", |c, v| c.price = v) }
            { input("currency", format!("Currency of your price for {}", item.name), c.currency.clone(), item.price.currency.clone(), "price.currency", |c, v| c.currency = v) }
        </tr>
    }
}
