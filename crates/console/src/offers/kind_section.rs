//! One kind of the catalogue's items (plans, add-ons or support tiers): a row editor per
//! item, and the button that adds one. Every change hands back the whole list.

use std::rc::Rc;

use panelcare_model::{FieldError, offers::ItemKind};
use yew::prelude::*;

use super::{catalogue_draft::list, errors::within, item::ItemEditor, item_draft::ItemDraft};
use crate::focus;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct KindSectionProps {
    pub kind: ItemKind,
    pub rows: Rc<Vec<ItemDraft>>,
    /// The whole catalogue's errors; each row takes its own.
    pub errors: Rc<Vec<FieldError>>,
    /// The currency a new row starts with.
    pub currency: AttrValue,
    pub on_change: Callback<Vec<ItemDraft>>,
}

#[component]
pub fn KindSection(props: &KindSectionProps) -> Html {
    let kind = props.kind;
    let (name, title, add_label) = list(kind);
    let add_id = format!("c-o-add-{name}");
    let on_add = {
        let (rows, currency, on_change) = (
            props.rows.clone(),
            props.currency.clone(),
            props.on_change.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let mut next = (*rows).clone();
            next.push(ItemDraft::new(&currency));
            focus::later(format!("c-o-{name}-{}-id", next.len() - 1));
            on_change.emit(next);
        })
    };
    let row = |n: usize, row: &ItemDraft| {
        let on_change = {
            let (rows, on_change) = (props.rows.clone(), props.on_change.clone());
            Callback::from(move |changed: ItemDraft| {
                let mut next = (*rows).clone();
                next[n] = changed;
                on_change.emit(next);
            })
        };
        let on_remove = {
            let (rows, on_change, add_id) =
                (props.rows.clone(), props.on_change.clone(), add_id.clone());
            Callback::from(move |()| {
                let mut next = (*rows).clone();
                next.remove(n);
                on_change.emit(next);
                // The row and its button are gone: the list's own button is next to act on.
                focus::later(add_id.clone());
            })
        };
        html! {
            <ItemEditor key={n} {kind} stem={format!("c-o-{name}-{n}")} number={n + 1} draft={Rc::new(row.clone())}
                errors={within(&props.errors, &format!("{name}[{n}]"))} {on_change} {on_remove} />
        }
    };
    html! {
        <section class="c-offer-kind" aria-labelledby={format!("c-o-{name}-title")}>
            <h3 id={format!("c-o-{name}-title")}>{ title }</h3>
            if props.rows.is_empty() {
                <p class="c-muted">{ "None yet." }</p>
            }
            { for props.rows.iter().enumerate().map(|(n, r)| row(n, r)) }
            <button type="button" id={add_id.clone()} class="c-button c-ghost c-small" onclick={on_add}>{ add_label }</button>
        </section>
    }
}
