//! Choosing one of the tenant's canned replies for the composer. It is inserted on the
//! button, not on choosing: arrowing through the list must not replace what the agent wrote
//! with each reply passed on the way.

use std::rc::Rc;

use panelcare_model::ticket::console::CannedReply;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct CannedPickerProps {
    pub canned: Rc<Vec<CannedReply>>,
    /// The chosen reply's text.
    pub on_insert: Callback<String>,
}

#[component]
pub fn CannedPicker(props: &CannedPickerProps) -> Html {
    let chosen = use_node_ref();
    let onclick = {
        let (chosen, canned, on_insert) = (
            chosen.clone(),
            props.canned.clone(),
            props.on_insert.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let v = chosen.cast::<HtmlSelectElement>().map(|s| s.value());
            if let Some(c) = canned.iter().find(|c| Some(&c.id) == v.as_ref()) {
                on_insert.emit(c.body.clone());
            }
        })
    };
    html! {
        <div class="c-field">
            <label for="c-canned">{ "Canned reply" }</label>
            <div class="c-inline">
                <select id="c-canned" ref={chosen}>
                    <option value="">{ "Choose a prepared answer…" }</option>
                    { for props.canned.iter().map(|c| html! { <option value={c.id.clone()}>{ &c.title }</option> }) }
                </select>
                <button type="button" class="c-button c-ghost c-small" {onclick}>{ "Insert" }</button>
            </div>
        </div>
    }
}
