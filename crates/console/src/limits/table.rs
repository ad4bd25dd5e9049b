//! The rates table: for each limited action, how many at once (burst) and how many an hour
//! one customer account may do, and all of a tenant's accounts together.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    limits::{LimitedAction, Limits, RATE_MAX},
};
use yew::prelude::*;

use super::state::{Edit, What, Who, rate_field};
use crate::form::{self, described_by, error_line};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct RatesTableProps {
    pub limits: Rc<Limits>,
    pub errors: Rc<Vec<FieldError>>,
    /// Only provider admins change limits; everyone else reads them.
    pub editable: bool,
    pub on_edit: Callback<Edit>,
}

#[component]
pub fn RatesTable(props: &RatesTableProps) -> Html {
    let cell = |action: LimitedAction, who: Who, what: What| {
        let field = rate_field(action, who, what);
        let id = format!("c-l-{}", field.replace(['.', '_'], "-"));
        let error = form::message(&props.errors, &field);
        let rate = props.limits.of(action);
        let rate = match who {
            Who::Account => rate.account,
            Who::Tenant => rate.tenant,
        };
        let value = match what {
            What::Burst => rate.burst,
            What::PerHour => rate.per_hour,
        };
        let oninput = props.on_edit.reform(move |e: InputEvent| Edit::Rate {
            action,
            who,
            what,
            // Empty or unreadable is 0, which the check refuses with its reason.
            value: form::input_value(&e).trim().parse().unwrap_or(0),
        });
        // The name says row and column, so a screen reader moving between inputs hears both.
        let label = format!("{}: {}, {}", action.label(), who.label(), what.label());
        html! {
            <td class={error.map(|_| "c-invalid")}>
                <input id={id.clone()} type="number" min="1" max={RATE_MAX.to_string()} step="1"
                    value={if value == 0 { String::new() } else { value.to_string() }}
                    readonly={!props.editable} {oninput} aria-label={label}
                    aria-invalid={error.map(|_| "true")} aria-describedby={described_by(&id, false, error.is_some())} />
                { error_line(&id, error) }
            </td>
        }
    };
    html! {
        <table class="c-table c-targets c-rate-limits">
            <caption class="c-hint">
                { "How often customers may do each thing in the widget: up to the burst at once, then as many an hour. \
                   The tenant's limit counts all its accounts together, so a few flooding accounts cannot use it up." }
            </caption>
            <thead>
                <tr>
                    <th scope="col" rowspan="2">{ "Action" }</th>
                    <th scope="colgroup" colspan="2">{ "Per account" }</th>
                    <th scope="colgroup" colspan="2">{ "Per tenant" }</th>
                </tr>
                <tr>
                    { for Who::ALL.into_iter().flat_map(|_| What::ALL).map(|what| html! {
                        <th scope="col">{ if what == What::Burst { "Burst" } else { "Per hour" } }</th>
                    }) }
                </tr>
            </thead>
            <tbody>{ for LimitedAction::ALL.into_iter().map(|action| html! {
                <tr key={action.as_str()}>
                    <th scope="row">{ action.label() }</th>
                    { for Who::ALL.into_iter().flat_map(|who| What::ALL.map(move |what| (who, what)))
                        .map(|(who, what)| cell(action, who, what)) }
                </tr>
            }) }</tbody>
        </table>
    }
}
