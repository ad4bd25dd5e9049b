//! The recovery codes, shown once right after the second factor is turned on, with a button
//! that copies them all.

use std::rc::Rc;

use wasm_bindgen_futures::{JsFuture, spawn_local};
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct RecoveryCodesProps {
    pub codes: Rc<Vec<String>>,
    /// Saved them: go on.
    pub on_done: Callback<()>,
    pub done_label: AttrValue,
}

#[component]
pub fn RecoveryCodesView(props: &RecoveryCodesProps) -> Html {
    let copied = use_state(|| None::<bool>);
    // A screen-reader user hears what this is before anything else.
    use_effect_with((), |_| crate::focus::later("c-2fa-codes-title"));
    let copy = {
        let (codes, copied) = (props.codes.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let (text, copied) = (codes.join("\n"), copied.clone());
            spawn_local(async move {
                let Some(window) = web_sys::window() else {
                    return copied.set(Some(false));
                };
                let promise = window.navigator().clipboard().write_text(&text);
                copied.set(Some(JsFuture::from(promise).await.is_ok()));
            });
        })
    };
    html! {
        <section class="c-card c-2fa-codes" aria-labelledby="c-2fa-codes-title">
            <h2 id="c-2fa-codes-title" tabindex="-1">{ "Your recovery codes" }</h2>
            <p>{ "If you lose your phone, each of these codes signs you in once instead of a code from the app. Keep them somewhere safe (a password manager): they are shown only now." }</p>
            <ul class="c-2fa-code-list c-once">
                { for props.codes.iter().map(|c| html! { <li key={c.clone()}><code>{ c }</code></li> }) }
            </ul>
            <button type="button" class="c-button c-ghost" onclick={copy}>{ "Copy the codes" }</button>
            if let Some(ok) = *copied {
                <p class={if ok { "c-ok" } else { "c-error" }} role="status">
                    { if ok { "Copied." } else { "This browser did not let us copy: select the codes and copy them." } }
                </p>
            }
            <button type="button" class="c-button" onclick={props.on_done.reform(|_: MouseEvent| ())}>{ props.done_label.clone() }</button>
        </section>
    }
}
