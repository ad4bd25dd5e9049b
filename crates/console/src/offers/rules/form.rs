//! Every field of one rule: what it is called, when it applies (one condition a line), what
//! it offers and in which words, where its button leads, how often it may be seen, and its
//! A/B variants. Each change goes straight to the rule list; nothing is saved until the list is.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    offers::{Catalogue, Rule},
};
use yew::prelude::*;

use super::{
    offer::OfferSelect,
    wording::{OTHER_LANGS, WordingFields},
};
use crate::form::{self, described_by, field};
use crate::offers::{
    errors::{at, lines, split_lines},
    variants::VariantsTable,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct RuleFormProps {
    pub index: usize,
    pub rule: Rc<Rule>,
    pub catalogue: Rc<Catalogue>,
    /// This rule's errors, named inside it (`when[0]`, `cta_url`).
    pub errors: Rc<Vec<FieldError>>,
    pub on_change: Callback<Rule>,
    pub on_close: Callback<()>,
}

/// What is typed as text that would not survive a round trip through the rule: blank lines
/// and half-typed numbers (`-`) stay as the admin left them.
#[derive(Debug, Clone, PartialEq)]
struct Typed {
    when: String,
    priority: String,
}

#[component]
pub fn RuleForm(props: &RuleFormProps) -> Html {
    let typed = use_state(|| Typed {
        when: props.rule.when.join("\n"),
        priority: props.rule.priority.to_string(),
    });
    let rule = &*props.rule;
    let stem = format!("c-r-{}", props.index);
    let id = |f: &str| format!("{stem}-{f}");
    let err = |name: &str| at(&props.errors, name);
    let change = |set: fn(&mut Rule, String)| {
        let (rule, on_change) = (rule.clone(), props.on_change.clone());
        Callback::from(move |value: String| {
            let mut next = rule.clone();
            set(&mut next, value);
            on_change.emit(next);
        })
    };
    let input = |f: &str,
                 label: &str,
                 value: String,
                 hint: Option<&str>,
                 set: fn(&mut Rule, String)| {
        let input_id = id(f);
        let error = err(f);
        field(
            &input_id,
            label,
            html! {
                <input id={input_id.clone()} type="text" {value} oninput={change(set).reform(|e: InputEvent| form::input_value(&e))}
                    aria-invalid={error.map(|_| "true")} aria-describedby={described_by(&input_id, hint.is_some(), error.is_some())} />
            },
            hint,
            error,
        )
    };
    let number = |f: &str, label: &str, value: u32, name: &str, set: fn(&mut Rule, String)| {
        let input_id = id(f);
        let error = err(name);
        field(
            &input_id,
            label,
            html! {
                <input id={input_id.clone()} type="number" min="1" step="1" value={if value == 0 { String::new() } else { value.to_string() }}
                    oninput={change(set).reform(|e: InputEvent| form::input_value(&e))}
                    aria-invalid={error.map(|_| "true")} aria-describedby={described_by(&input_id, false, error.is_some())} />
            },
            None,
            error,
        )
    };
    let on_when = {
        let (rule, on_change, typed) = (rule.clone(), props.on_change.clone(), typed.clone());
        Callback::from(move |e: InputEvent| {
            let text = form::textarea_value(&e);
            let mut next = rule.clone();
            next.when = split_lines(&text);
            typed.set(Typed {
                when: text,
                ..(*typed).clone()
            });
            on_change.emit(next);
        })
    };
    let on_priority = {
        let (rule, on_change, typed) = (rule.clone(), props.on_change.clone(), typed.clone());
        Callback::from(move |e: InputEvent| {
            let text = form::input_value(&e);
            let mut next = rule.clone();
            next.priority = text.trim().parse().unwrap_or(0);
            typed.set(Typed {
                priority: text,
                ..(*typed).clone()
            });
            on_change.emit(next);
        })
    };
    let on_enabled = {
        let (rule, on_change) = (rule.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let mut next = rule.clone();
            next.enabled = form::checked(&e);
            on_change.emit(next);
        })
    };
    let on_variants = {
        let (rule, on_change) = (rule.clone(), props.on_change.clone());
        Callback::from(move |v| {
            let mut next = rule.clone();
            next.variants = v;
            on_change.emit(next);
        })
    };
    let when_error = lines(&props.errors, "when", &typed.when);
    let offer_id = id("offer");
    let offer_select = html! {
        <OfferSelect id={AttrValue::from(offer_id.clone())} value={AttrValue::from(rule.offer.clone())} catalogue={props.catalogue.clone()}
            error={err("offer").map(AttrValue::from)} on_change={change(|r, v| r.offer = v)} />
    };
    let when_id = id("when");
    let body_id = id("body");
    let cap_error = err("cap");
    html! {
        <div class="c-card c-form c-editor c-rule-form" role="group" aria-labelledby={id("form-title")}>
            <h3 id={id("form-title")}>{ format!("Rule {}: {}", props.index + 1, if rule.name.is_empty() { "(no name)" } else { &rule.name }) }</h3>
            <div class="c-row-fields">
                { input("id", "Id", rule.id.clone(), Some("Stable and short: it names the rule in the numbers and the CSV."), |r, v| r.id = v.trim().to_owned()) }
                { input("name", "Name", rule.name.clone(), Some("For you and your team; customers never see it."), |r, v| r.name = v) }
                { field(&id("priority"), "Priority", html! {
                    <input id={id("priority")} type="number" min="-1000" max="1000" step="1" value={typed.priority.clone()} oninput={on_priority}
                        aria-invalid={err("priority").map(|_| "true")} aria-describedby={described_by(&id("priority"), true, err("priority").is_some())} />
                }, Some("Higher wins when several rules match; equal ones go in list order."), err("priority")) }
            </div>
            <label class="c-check" for={id("enabled")}>
                <input id={id("enabled")} type="checkbox" checked={rule.enabled} onchange={on_enabled} />
                { " Enabled: customers can be shown this offer" }
            </label>
            { field(&when_id, "Conditions", html! {
                <textarea id={when_id.clone()} class="c-code" rows="4" value={typed.when.clone()} oninput={on_when}
                    aria-invalid={when_error.as_ref().map(|_| "true")} aria-describedby={described_by(&when_id, true, when_error.is_some())} />
            }, Some("One a line; all must hold. For example disk.percent >= 80, or plan in [starter, pro]. No lines: always."), when_error.as_deref()) }
            { field(&offer_id, "Offer", offer_select, None, err("offer")) }
            { input("headline", "Headline", rule.headline.clone(), Some("Placeholders like {disk.used} are filled in: “You use 4.6 GB of 5 GB”."), |r, v| r.headline = v) }
            { field(&body_id, "Body", html! {
                <textarea id={body_id.clone()} rows="3" value={rule.body.clone()} oninput={change(|r, v| r.body = v).reform(|e: InputEvent| form::textarea_value(&e))}
                    aria-invalid={err("body").map(|_| "true")} aria-describedby={described_by(&body_id, false, err("body").is_some())} />
            }, None, err("body")) }
            { for OTHER_LANGS.into_iter().map(|lang| html! {
                <WordingFields stem={AttrValue::from(stem.clone())} {lang} rule={props.rule.clone()} errors={props.errors.clone()} on_change={props.on_change.clone()} />
            }) }
            { input("cta_url", "Button link", rule.cta_url.clone(), Some("An https address among the link origins, or a /path of the panel; e.g. https://billing.example.com/upgrade.php?id={service.id}&to={target.id}."), |r, v| r.cta_url = v.trim().to_owned()) }
            <div class="c-row-fields">
                { number("snooze", "“Not now” hides it for (days)", rule.snooze_days, "snooze_days", |r, v| r.snooze_days = v.trim().parse().unwrap_or(0)) }
                { number("cap-impressions", "Show at most (times)", rule.cap.impressions, "cap", |r, v| r.cap.impressions = v.trim().parse().unwrap_or(0)) }
                { number("cap-days", "… in (days)", rule.cap.per_days, "cap.per_days", |r, v| r.cap.per_days = v.trim().parse().unwrap_or(0)) }
            </div>
            if cap_error.is_none() {
                <p class="c-hint">{ "One customer sees the offer at most this often; a “not now” keeps it away for the snooze days, “don't show again” for good." }</p>
            }
            <VariantsTable stem={AttrValue::from(stem.clone())} variants={Rc::new(rule.variants.clone())} errors={props.errors.clone()} on_change={on_variants} />
            <div class="c-actions">
                <button type="button" class="c-button c-ghost" onclick={props.on_close.reform(|_: MouseEvent| ())}>{ "Close the rule" }</button>
            </div>
        </div>
    }
}
