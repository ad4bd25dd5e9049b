//! Topic of a suggestion: a group of radio buttons drawn as chips.

use panelcare_model::FeedbackCategory;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::I18n;

/// `value`: the chosen category's wire name, or empty. A view function (see `item.rs`).
pub fn category_picker(
    i18n: I18n,
    value: &str,
    error: Option<&'static str>,
    on_change: &Callback<String>,
) -> Html {
    let t = i18n.t;
    let onchange =
        on_change.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value());
    html! {
        <fieldset
            class={if error.is_some() { "pc-field pc-chips pc-invalid" } else { "pc-field pc-chips" }}
            aria-describedby={error.map(|_| "pc-category-error")}
        >
            <legend class="pc-label">{ t.category_legend }</legend>
            <div class="pc-chip-row">
                { for FeedbackCategory::ALL.iter().map(|c| {
                    let id = format!("pc-category-{}", c.as_str());
                    html! {
                        <label class="pc-chip" for={id.clone()}>
                            <input
                                type="radio"
                                id={id}
                                name="pc-category"
                                value={c.as_str()}
                                checked={value == c.as_str()}
                                onchange={onchange.clone()}
                            />
                            <span>{ t.category(*c) }</span>
                        </label>
                    }
                }) }
            </div>
            if let Some(msg) = error {
                <p id="pc-category-error" class="pc-field-error">{ msg }</p>
            }
        </fieldset>
    }
}
