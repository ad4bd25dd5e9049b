//! One rule in the list: its switch, name, priority, what it offers and when, any problems
//! the server found in it, and the buttons that edit, move and delete it (deleting asks
//! first). Its form opens underneath.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    offers::{Catalogue, Rule},
};
use yew::prelude::*;

use super::form::RuleForm;
use crate::form;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct RuleRowProps {
    pub index: usize,
    pub count: usize,
    pub rule: Rc<Rule>,
    pub catalogue: Rc<Catalogue>,
    /// This rule's errors, named inside it.
    pub errors: Rc<Vec<FieldError>>,
    pub open: bool,
    /// Renews the form when the list was loaded again.
    pub serial: u32,
    pub on_change: Callback<Rule>,
    /// Opens or closes the form.
    pub on_toggle: Callback<()>,
    /// Moves the rule to the place given.
    pub on_move: Callback<usize>,
    pub on_delete: Callback<()>,
}

/// A field of a rule as the form labels it, for the summary in the list.
fn label(field: &str) -> String {
    let simple = [
        ("id", "Id"),
        ("name", "Name"),
        ("priority", "Priority"),
        ("offer", "Offer"),
        ("headline", "Headline"),
        ("body", "Body"),
        ("cta_url", "Button link"),
        ("snooze_days", "Snooze"),
        ("cap", "Frequency"),
        ("variants", "Variants"),
        ("when", "Conditions"),
    ];
    if let Some(n) = field
        .strip_prefix("when[")
        .and_then(|r| r.strip_suffix(']'))
        .and_then(|n| n.parse::<usize>().ok())
    {
        return format!("Condition {}", n + 1);
    }
    simple
        .iter()
        .find(|(f, _)| *f == field)
        .map_or_else(|| field.to_owned(), |(_, l)| (*l).to_owned())
}

/// What a rule offers, by the catalogue's name.
fn target(rule: &Rule, catalogue: &Catalogue) -> String {
    catalogue
        .item(&rule.offer)
        .map_or_else(|| rule.offer.clone(), |(_, i)| i.name.clone())
}

#[component]
pub fn RuleRow(props: &RuleRowProps) -> Html {
    let deleting = use_state(|| false);
    let (i, count, rule, mine) = (props.index, props.count, &*props.rule, &props.errors);
    let is_open = props.open;
    let (on_toggle, on_move) = (props.on_toggle.clone(), props.on_move.clone());
    let on_enabled = {
        let (rule, on_change) = (rule.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let mut next = rule.clone();
            next.enabled = form::checked(&e);
            on_change.emit(next);
        })
    };
    let ask = |on: bool| {
        let deleting = deleting.clone();
        Callback::from(move |_: MouseEvent| deleting.set(on))
    };
    let delete = {
        let (deleting, on_delete) = (deleting.clone(), props.on_delete.clone());
        Callback::from(move |_: MouseEvent| {
            deleting.set(false);
            on_delete.emit(());
        })
    };
    let name = if rule.name.trim().is_empty() {
        format!("Rule {}", i + 1)
    } else {
        rule.name.clone()
    };
    let when = if rule.when.is_empty() {
        "always".to_owned()
    } else {
        rule.when.join(" and ")
    };
    html! {
        <li key={i} class={classes!("c-card", "c-rule", (!rule.enabled).then_some("c-off"), (!mine.is_empty()).then_some("c-invalid"))}>
            <div class="c-head">
                <label class="c-check" for={format!("c-r-{i}-on")}>
                    <input id={format!("c-r-{i}-on")} type="checkbox" checked={rule.enabled} onchange={on_enabled}
                        aria-label={format!("{name} is enabled")} />
                    { if rule.enabled { " On" } else { " Off" } }
                </label>
                <strong class="c-rule-name">{ format!("{}. {name}", i + 1) }</strong>
                <span class="c-badge">{ format!("priority {}", rule.priority) }</span>
                <span class="c-rule-offer">{ format!("offers {}", target(rule, &props.catalogue)) }</span>
            </div>
            <p class="c-hint c-code c-rule-when">{ format!("When {when}") }</p>
            if !mine.is_empty() {
                <p class="c-field-error" id={format!("c-r-{i}-problems")}>
                    { mine.iter().map(|e| format!("{}: {}", label(&e.field), e.message)).collect::<Vec<_>>().join(" ") }
                </p>
            }
            <div class="c-actions">
                <button type="button" id={format!("c-r-{i}-edit")} class="c-button c-ghost c-small" onclick={on_toggle.reform(|_: MouseEvent| ())} aria-expanded={is_open.to_string()}
                    aria-label={format!("{} {name}", if is_open { "Close" } else { "Edit" })}>{ if is_open { "Close" } else { "Edit" } }</button>
                <button type="button" id={format!("c-r-{i}-up")} class="c-button c-ghost c-small" disabled={i == 0}
                    onclick={on_move.reform(move |_: MouseEvent| i.saturating_sub(1))} aria-label={format!("Move {name} up")}>{ "Move up" }</button>
                <button type="button" id={format!("c-r-{i}-down")} class="c-button c-ghost c-small" disabled={i + 1 == count}
                    onclick={on_move.reform(move |_: MouseEvent| (i + 1).min(count.saturating_sub(1)))} aria-label={format!("Move {name} down")}>{ "Move down" }</button>
                if *deleting {
                    <span class="c-confirm-inline" role="group" aria-label={format!("Delete {name}?")}>
                        { "Delete it from the list?" }
                        <button type="button" class="c-button c-danger-solid c-small" onclick={delete}>{ "Yes, delete" }</button>
                        <button type="button" class="c-button c-ghost c-small" onclick={ask(false)}>{ "Keep it" }</button>
                    </span>
                } else {
                    <button type="button" class="c-button c-ghost c-small c-danger" onclick={ask(true)} aria-label={format!("Delete {name}")}>{ "Delete" }</button>
                }
            </div>
            if is_open {
                <RuleForm key={format!("{i}-{}", props.serial)} index={i} rule={props.rule.clone()} catalogue={props.catalogue.clone()}
                    errors={mine.clone()} on_change={props.on_change.clone()} on_close={on_toggle.clone()} />
            }
        </li>
    }
}
