//! What rules can say: the fields conditions compare and the placeholders texts and links
//! take, listed from the model so the help never drifts from what a save accepts.

use panelcare_model::offers::{condition::Field, template::Var};
use yew::prelude::*;

fn codes(names: Vec<String>) -> Html {
    html! {
        <ul class="c-codes">
            { for names.into_iter().map(|n| html! { <li><code>{ n }</code></li> }) }
        </ul>
    }
}

#[component]
pub fn RuleHelp() -> Html {
    let placeholders: Vec<String> = Var::names()
        .into_iter()
        .map(|n| format!("{{{n}}}"))
        .collect();
    html! {
        <details class="c-texts c-rule-help">
            <summary>{ "What conditions and texts can use" }</summary>
            <p class="c-hint">
                { "A condition is a field, a comparison (>=, >, <=, <, ==, !=, in, not in) and a value: " }
                <code>{ "disk.percent >= 80" }</code>{ ", " }<code>{ "disk.used > 4.5GB" }</code>{ ", " }
                <code>{ "plan in [starter, pro]" }</code>{ ", " }<code>{ "tickets.urgent >= 1" }</code>
                { ". Sizes may end in KB, MB, GB or TB; percent and trend are in percent. A condition on a figure the panel does not report is false." }
            </p>
            <h4>{ "Fields" }</h4>
            { codes(Field::names()) }
            <h4>{ "Placeholders" }</h4>
            <p class="c-hint">{ "In headlines, bodies and links; an offer whose placeholder has no value is not shown. Values in links are encoded, and {target.<metric>} only works when a plan is offered." }</p>
            { codes(placeholders) }
        </details>
    }
}
