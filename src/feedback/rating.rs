//! Optional 1–5 rating: radio buttons drawn as stars, so arrow keys and screen readers work
//! as with any radio group.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::use_i18n;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct RatingPickerProps {
    pub value: Option<i64>,
    pub error: Option<AttrValue>,
    pub on_change: Callback<Option<i64>>,
}

#[component]
pub fn RatingPicker(props: &RatingPickerProps) -> Html {
    let i18n = use_i18n();
    let t = i18n.t;
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            on_change.emit(value.parse().ok());
        })
    };
    let clear = {
        let on_change = props.on_change.clone();
        Callback::from(move |_| on_change.emit(None))
    };
    let chosen = props.value.unwrap_or(0);
    html! {
        <fieldset
            class={classes!("pc-field", "pc-rating", props.error.as_ref().map(|_| "pc-invalid"))}
            aria-describedby={props.error.as_ref().map(|_| "pc-rating-error")}
        >
            <legend class="pc-label">
                { t.rating_legend }
                <span class="pc-optional">{ format!(" ({})", t.rating_optional) }</span>
            </legend>
            <div class="pc-stars">
                { for (1..=5).map(|n| {
                    let id = format!("pc-rating-{n}");
                    html! {
                        <label for={id.clone()} class={classes!("pc-star", (n <= chosen).then_some("pc-on"))}>
                            <input
                                type="radio"
                                id={id}
                                name="pc-rating"
                                value={n.to_string()}
                                checked={props.value == Some(n)}
                                onchange={onchange.clone()}
                            />
                            <span aria-hidden="true">{ "★" }</span>
                            <span class="pc-sr">{ i18n.plural(&t.stars, n as u64) }</span>
                        </label>
                    }
                }) }
                if props.value.is_some() {
                    <button type="button" class="pc-link" onclick={clear}>{ t.rating_clear }</button>
                }
            </div>
            if let Some(msg) = &props.error {
                <p id="pc-rating-error" class="pc-field-error">{ msg.clone() }</p>
            }
        </fieldset>
    }
}
