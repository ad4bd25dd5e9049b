//! A rule's headline and body in one more language, folded away until used. Emptying both
//! leaves the language out, so customers speaking it get the English wording.

use std::rc::Rc;

use panelcare_model::{
    FieldError, Lang,
    offers::{Rule, Wording},
};
use yew::prelude::*;

use crate::{
    form::{self, described_by, field},
    offers::errors::at,
};

/// The languages besides English a rule may be worded in.
pub const OTHER_LANGS: [Lang; 2] = [Lang::Ru, Lang::SrLatn];

fn lang_name(l: Lang) -> &'static str {
    match l {
        Lang::En => "English",
        Lang::Ru => "Russian",
        Lang::SrLatn => "Serbian (Latin)",
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct WordingProps {
    /// The form's id stem, `c-r-0`.
    pub stem: AttrValue,
    pub lang: Lang,
    pub rule: Rc<Rule>,
    /// The rule's errors, named inside it (`texts.ru.headline`).
    pub errors: Rc<Vec<FieldError>>,
    pub on_change: Callback<Rule>,
}

#[component]
pub fn WordingFields(props: &WordingProps) -> Html {
    let (l, rule) = (props.lang, &*props.rule);
    let tag = l.tag();
    let w = rule.texts.get(tag).cloned().unwrap_or_default();
    let set = |headline: bool| {
        let (rule, on_change, tag) = (rule.clone(), props.on_change.clone(), tag.to_owned());
        Callback::from(move |e: InputEvent| {
            let v = if headline {
                form::input_value(&e)
            } else {
                form::textarea_value(&e)
            };
            let mut next = rule.clone();
            let mut w = next.texts.get(&tag).cloned().unwrap_or_default();
            if headline {
                w.headline = v
            } else {
                w.body = v
            }
            if w == Wording::default() {
                next.texts.remove(&tag);
            } else {
                next.texts.insert(tag.clone(), w);
            }
            on_change.emit(next);
        })
    };
    let stem = &props.stem;
    let (h_id, b_id) = (
        format!("{stem}-{tag}-headline"),
        format!("{stem}-{tag}-body"),
    );
    let (h_err, b_err) = (
        at(&props.errors, &format!("texts.{tag}.headline")),
        at(&props.errors, &format!("texts.{tag}.body")),
    );
    html! {
        <details class="c-texts" open={!w.headline.is_empty() || !w.body.is_empty() || h_err.is_some() || b_err.is_some()}>
            <summary>{ format!("Wording in {} (optional)", lang_name(l)) }</summary>
            { field(&h_id, &format!("Headline in {}", lang_name(l)), html! {
                <input id={h_id.clone()} type="text" value={w.headline.clone()} oninput={set(true)} lang={tag}
                    aria-invalid={h_err.map(|_| "true")} aria-describedby={described_by(&h_id, false, h_err.is_some())} />
            }, None, h_err) }
            { field(&b_id, &format!("Body in {}", lang_name(l)), html! {
                <textarea id={b_id.clone()} rows="3" value={w.body.clone()} oninput={set(false)} lang={tag}
                    aria-invalid={b_err.map(|_| "true")} aria-describedby={described_by(&b_id, false, b_err.is_some())} />
            }, None, b_err) }
        </details>
    }
}
