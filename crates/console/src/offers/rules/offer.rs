//! What a rule offers: a choice among the catalogue's items by kind, keeping an offer the
//! catalogue no longer has visible (and marked) rather than silently changing it.

use std::rc::Rc;

use panelcare_model::offers::{Catalogue, ItemKind, catalogue::key};
use yew::prelude::*;

use crate::{
    form::{self, described_by},
    offers::item::kind_name,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct OfferSelectProps {
    pub id: AttrValue,
    /// The offer's key, `plan:pro`.
    pub value: AttrValue,
    pub catalogue: Rc<Catalogue>,
    pub error: Option<AttrValue>,
    pub on_change: Callback<String>,
}

#[component]
pub fn OfferSelect(props: &OfferSelectProps) -> Html {
    let (id, value, catalogue) = (&props.id, props.value.as_str(), &props.catalogue);
    let known = ItemKind::ALL
        .iter()
        .any(|k| catalogue.items(*k).iter().any(|i| key(*k, &i.id) == value));
    let onchange = props.on_change.reform(|e: Event| form::select_value(&e));
    html! {
        <select id={id.clone()} {onchange} aria-invalid={props.error.as_ref().map(|_| "true")}
            aria-describedby={described_by(id, false, props.error.is_some())}>
            if !known {
                <option value={value.to_owned()} selected=true>
                    { if value.is_empty() { "Choose what to offer".to_owned() } else { format!("{value} (not in the catalogue)") } }
                </option>
            }
            { for ItemKind::ALL.iter().filter(|k| !catalogue.items(**k).is_empty()).map(|k| html! {
                <optgroup label={format!("{}s", kind_name(*k))}>
                    { for catalogue.items(*k).iter().map(|i| {
                        let key = key(*k, &i.id);
                        html! { <option selected={key == value} value={key.clone()}>{ format!("{} ({key})", i.name) }</option> }
                    }) }
                </optgroup>
            }) }
        </select>
    }
}
