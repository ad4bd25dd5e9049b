//! Optional 1–5 rating: radio buttons drawn as stars, so arrow keys and screen readers work
//! as with any radio group.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::I18n;

/// A view function (see `item.rs`). `legend` asks for a rating the form needs (a ticket's);
/// without it the picker asks the feedback form's question and says the rating is optional.
pub fn rating_picker(
    i18n: I18n,
    legend: Option<&'static str>,
    value: Option<i64>,
    error: Option<&'static str>,
    on_change: &Callback<Option<i64>>,
) -> Html {
    let t = i18n.t;
    let onchange = on_change.reform(|e: Event| {
        e.target_unchecked_into::<HtmlInputElement>()
            .value()
            .parse()
            .ok()
    });
    let clear = on_change.reform(|_: MouseEvent| None);
    let chosen = value.unwrap_or(0);
    html! {
        <fieldset
            class={if error.is_some() { "pc-field pc-rating pc-invalid" } else { "pc-field pc-rating" }}
            aria-describedby={error.map(|_| "pc-rating-error")}
        >
            <legend class="pc-label">
                if let Some(l) = legend {
                    { l }
                } else {
                    { t.rating_legend }
                    <span class="pc-optional">{ format!(" ({})", t.rating_optional) }</span>
                }
            </legend>
            <div class="pc-stars">
                { for (1..=5).map(|n| {
                    let id = format!("pc-rating-{n}");
                    html! {
                        <label for={id.clone()} class={if n <= chosen { "pc-star pc-on" } else { "pc-star" }}>
                            <input
                                type="radio"
                                id={id}
                                name="pc-rating"
                                value={n.to_string()}
                                checked={value == Some(n)}
                                onchange={onchange.clone()}
                            />
                            <span aria-hidden="true">{ "★" }</span>
                            <span class="pc-sr">{ i18n.plural(&t.stars, n as u64) }</span>
                        </label>
                    }
                }) }
                if value.is_some() {
                    <button type="button" class="pc-link" onclick={clear}>{ t.rating_clear }</button>
                }
            </div>
            if let Some(msg) = error {
                <p id="pc-rating-error" class="pc-field-error">{ msg }</p>
            }
        </fieldset>
    }
}
