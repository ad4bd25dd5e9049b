//! One item of a catalogue as typed: a plan with its limits, an add-on, or a support tier
//! with the SLA tier it buys and where its link leads.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    offers::{ItemKind, Metric, Period},
};
use yew::prelude::*;

use super::item_draft::{ItemDraft, LimitDraft};
use super::{errors::at, units};
use crate::form::{self, described_by, error_line, field};

pub fn kind_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Plan => "Plan",
        ItemKind::Addon => "Add-on",
        ItemKind::Support => "Support tier",
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ItemProps {
    pub kind: ItemKind,
    /// The id stem of this item's inputs: `c-o-plans-1`.
    pub stem: AttrValue,
    pub number: usize,
    pub draft: Rc<ItemDraft>,
    /// This item's errors, named inside it (`name`, `price.cents`, `limits.disk`).
    pub errors: Rc<Vec<FieldError>>,
    pub on_change: Callback<ItemDraft>,
    pub on_remove: Callback<()>,
}

#[component]
pub fn ItemEditor(props: &ItemProps) -> Html {
    let d = &*props.draft;
    let stem = props.stem.as_str();
    let id = |f: &str| format!("{stem}-{f}");
    let err = |name: &str| at(&props.errors, name);
    let edit = |set: fn(&mut ItemDraft, String)| {
        let (d, on_change) = (d.clone(), props.on_change.clone());
        Callback::from(move |e: InputEvent| {
            let mut next = d.clone();
            set(&mut next, form::input_value(&e));
            on_change.emit(next);
        })
    };
    let text = |f: &str,
                label: &str,
                value: &str,
                hint: Option<&str>,
                name: &str,
                set: fn(&mut ItemDraft, String)| {
        let input_id = id(f);
        let error = err(name);
        field(
            &input_id,
            label,
            html! {
                <input id={input_id.clone()} type="text" value={value.to_owned()} oninput={edit(set)}
                    aria-invalid={error.map(|_| "true")} aria-describedby={described_by(&input_id, hint.is_some(), error.is_some())} />
            },
            hint,
            error,
        )
    };
    let on_period = {
        let (d, on_change) = (d.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let mut next = d.clone();
            next.period = units::parse_period(&form::select_value(&e));
            on_change.emit(next);
        })
    };
    let period_id = id("period");
    let title = if d.name.trim().is_empty() {
        format!("{} {}", kind_name(props.kind), props.number)
    } else {
        format!(
            "{} {}: {}",
            kind_name(props.kind),
            props.number,
            d.name.trim()
        )
    };
    let whole = err("");
    html! {
        <fieldset class={if whole.is_some() { "c-fieldset c-offer-item c-invalid" } else { "c-fieldset c-offer-item" }}>
            <legend>{ &title }</legend>
            { error_line(&id("item"), whole) }
            <div class="c-row-fields">
                { text("id", "Id", &d.id, Some("The id your panel uses for it, e.g. pro: lower-case letters, digits and '-'."), "id", |d, v| d.id = v) }
                { text("name", "Name", &d.name, None, "name", |d, v| d.name = v) }
            </div>
            { text("description", "Description", &d.description, Some("Optional; up to 400 characters."), "description", |d, v| d.description = v) }
            <div class="c-row-fields">
                { {
                    let input_id = id("price");
                    let error = err("price.cents");
                    field(&input_id, "Price", html! {
                        <input id={input_id.clone()} type="text" inputmode="decimal" value={d.price.clone()} oninput={edit(|d, v| d.price = v)}
                            aria-invalid={error.map(|_| "true")} aria-describedby={described_by(&input_id, true, error.is_some())} />
                    }, Some("An amount like 9.00."), error)
                } }
                { text("currency", "Currency", &d.currency, Some("Three letters, like EUR."), "price.currency", |d, v| d.currency = v) }
                { field(&period_id, "Paid", html! {
                    <select id={period_id.clone()} onchange={on_period}>
                        { for [Period::Month, Period::Year, Period::Once].into_iter().map(|p| html! {
                            <option value={units::period_value(p)} selected={d.period == p}>{ units::period_name(p) }</option>
                        }) }
                    </select>
                }, None, err("price.period")) }
            </div>
            if props.kind == ItemKind::Plan {
                { limits(props) }
            }
            if props.kind == ItemKind::Support {
                <div class="c-row-fields">
                    { text("sla_tier", "SLA tier", &d.sla_tier, Some("The support tier of the ticket settings this level buys, e.g. premium."), "sla_tier", |d, v| d.sla_tier = v) }
                    { text("cta_url", "Link", &d.cta_url, Some("Where “get this support” leads: an https address among the link origins, or a /path of the panel. Placeholders like {service.id} are allowed."), "cta_url", |d, v| d.cta_url = v) }
                </div>
            }
            <div class="c-actions">
                <button type="button" class="c-button c-ghost c-small c-danger" onclick={props.on_remove.reform(|_: MouseEvent| ())}
                    aria-label={format!("Remove {title}")}>{ "Remove" }</button>
            </div>
        </fieldset>
    }
}

/// The plan's limits: one row per metric, a number in its unit or unlimited.
fn limits(props: &ItemProps) -> Html {
    let d = &*props.draft;
    let stem = props.stem.as_str();
    let row = |m: Metric| {
        let l = d.limits.get(&m).cloned().unwrap_or_default();
        let input_id = format!("{stem}-limit-{}", m.as_str());
        let check_id = format!("{input_id}-unlimited");
        let error = at(&props.errors, &format!("limits.{}", m.as_str()));
        let apply = {
            let (d, on_change) = (d.clone(), props.on_change.clone());
            Rc::new(move |f: &dyn Fn(&mut LimitDraft)| {
                let mut next = d.clone();
                let mut l = next.limits.get(&m).cloned().unwrap_or_default();
                f(&mut l);
                // A metric with nothing typed and not unlimited is left out of the plan.
                if l == LimitDraft::default() {
                    next.limits.remove(&m);
                } else {
                    next.limits.insert(m, l);
                }
                on_change.emit(next);
            })
        };
        let oninput = {
            let apply = apply.clone();
            Callback::from(move |e: InputEvent| {
                let v = form::input_value(&e);
                apply(&|l| l.typed.clone_from(&v));
            })
        };
        let onchange = Callback::from(move |e: Event| {
            let on = form::checked(&e);
            apply(&|l| l.unlimited = on);
        });
        let label = format!("{} limit ({})", units::metric_name(m), units::unit_label(m));
        html! {
            <tr key={m.as_str()}>
                <th scope="row"><label for={input_id.clone()}>{ label }</label></th>
                <td class={error.map(|_| "c-invalid")}>
                    <input id={input_id.clone()} type="text" inputmode="decimal" class="c-minutes" value={l.typed.clone()} disabled={l.unlimited} {oninput}
                        aria-invalid={error.map(|_| "true")} aria-describedby={described_by(&input_id, false, error.is_some())} />
                    { error_line(&input_id, error) }
                </td>
                <td>
                    <label class="c-check" for={check_id.clone()}>
                        <input id={check_id} type="checkbox" checked={l.unlimited} {onchange} />
                        { " Unlimited" }
                    </label>
                </td>
            </tr>
        }
    };
    html! {
        <table class="c-table c-targets c-limits">
            <caption class="c-hint">{ "What the plan allows. Sizes in GB (1 GB = 1024 MB), CPU in cores. Leave a metric blank if the plan does not limit it or your panel does not report it." }</caption>
            <thead><tr><th scope="col">{ "Metric" }</th><th scope="col">{ "Limit" }</th><th scope="col">{ "No limit" }</th></tr></thead>
            <tbody>{ for Metric::ALL.into_iter().map(row) }</tbody>
        </table>
    }
}
