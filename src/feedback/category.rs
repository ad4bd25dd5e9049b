//! Topic of a suggestion: a group of radio buttons drawn as chips.

use panelcare_model::FeedbackCategory;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::use_i18n;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct CategoryPickerProps {
    /// The chosen category's wire name, or empty.
    pub value: AttrValue,
    pub error: Option<AttrValue>,
    pub on_change: Callback<String>,
}

#[component]
pub fn CategoryPicker(props: &CategoryPickerProps) -> Html {
    let t = use_i18n().t;
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| on_change.emit(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    html! {
        <fieldset
            class={classes!("pc-field", "pc-chips", props.error.as_ref().map(|_| "pc-invalid"))}
            aria-describedby={props.error.as_ref().map(|_| "pc-category-error")}
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
                                checked={props.value == c.as_str()}
                                onchange={onchange.clone()}
                            />
                            <span>{ t.category(*c) }</span>
                        </label>
                    }
                }) }
            </div>
            if let Some(msg) = &props.error {
                <p id="pc-category-error" class="pc-field-error">{ msg.clone() }</p>
            }
        </fieldset>
    }
}
