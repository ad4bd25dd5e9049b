//! Confirming an article's deletion, and deleting it.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::console::use_console;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct DeleteArticleProps {
    pub id: AttrValue,
    pub on_removed: Callback<AttrValue>,
    /// Kept after all.
    pub on_keep: Callback<()>,
    /// Why the deletion failed, for the editor to show.
    pub on_failed: Callback<String>,
}

#[component]
pub fn DeleteArticle(props: &DeleteArticleProps) -> Html {
    let console = use_console();
    let busy = use_state(|| false);
    let on_delete = {
        let (id, busy) = (props.id.clone(), busy.clone());
        let (on_removed, on_failed) = (props.on_removed.clone(), props.on_failed.clone());
        Callback::from(move |_: MouseEvent| {
            let (console, id, busy) = (console.clone(), id.clone(), busy.clone());
            let (on_removed, on_failed) = (on_removed.clone(), on_failed.clone());
            busy.set(true);
            spawn_local(async move {
                let result = console.api.remove_article(&id).await;
                busy.set(false);
                if console
                    .settle(result, |e| on_failed.emit(e.message()))
                    .is_some()
                {
                    on_removed.emit(id);
                }
            });
        })
    };
    html! {
        <div class="c-confirm" role="group" aria-label="Confirm deletion">
            <p>{ "Delete this article? Customers and agents stop seeing it at once, and it cannot be brought back here. The times it solved a customer's problem stay in the numbers. To hide it for a while instead, untick Published and save it as a draft." }</p>
            <div class="c-actions">
                <button id="c-kb-delete-yes" type="button" class="c-button c-danger-solid" disabled={*busy} onclick={on_delete}>{ "Yes, delete it" }</button>
                <button type="button" class="c-button c-ghost" onclick={props.on_keep.reform(|_: MouseEvent| ())}>{ "Keep it" }</button>
            </div>
        </div>
    }
}
