//! The public answer to a suggestion, which the customer reads in the widget.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::Done;
use crate::{console::use_console, form};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AnswerFormProps {
    pub id: AttrValue,
    /// The answer given so far; the form starts from it.
    #[prop_or_default]
    pub answered: Option<AttrValue>,
    pub on_done: Callback<Done>,
}

#[component]
pub fn AnswerForm(props: &AnswerFormProps) -> Html {
    let console = use_console();
    let text = use_state(|| props.answered.as_deref().unwrap_or_default().to_owned());
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(form::textarea_value(&e)))
    };
    let onsubmit = {
        let (id, on_done, text) = (props.id.clone(), props.on_done.clone(), text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (api, id, on_done, text) = (
                console.api.clone(),
                id.clone(),
                on_done.clone(),
                (*text).clone(),
            );
            spawn_local(async move {
                let result = api.answer_suggestion(&id, &text).await;
                on_done.emit(Done::new(
                    result,
                    "Answer sent; the customer sees it in the widget.",
                ));
            });
        })
    };
    html! {
        <form class="c-card c-form" {onsubmit}>
            <label for="c-answer">{ "Answer to the customer" }</label>
            <textarea id="c-answer" rows="4" value={(*text).clone()} {oninput} />
            <button type="submit" class="c-button">{ if props.answered.is_some() { "Update answer" } else { "Send answer" } }</button>
        </form>
    }
}
