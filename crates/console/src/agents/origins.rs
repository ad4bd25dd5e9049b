//! The panel origins the tenant's widget answers on, one per line; none lets any panel use
//! it. Loaded, edited and saved as the other editors are ([`use_loaded`]): a list that could
//! not be loaded says so instead of showing an empty form, whose save would let every panel
//! use the widget.

use yew::prelude::*;

use crate::{form, loaded::use_loaded};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AllowedOriginsProps {
    pub tenant: AttrValue,
}

/// What a save of `saved` means for the widget.
fn saved_message(saved: &[String]) -> String {
    if saved.is_empty() {
        "Origins saved: the widget works on any panel.".to_owned()
    } else {
        format!(
            "Origins saved: the widget answers only on {} panel origin(s).",
            saved.len()
        )
    }
}

#[component]
pub fn AllowedOrigins(props: &AllowedOriginsProps) -> Html {
    // Edited one per line.
    let editor = use_loaded(
        props.tenant.clone(),
        |origins: &Vec<String>| origins.join("\n"),
        |api, t| async move { api.origins(&t).await },
    );
    let heading = html! { <h3 id="c-t-origins-title">{ "Allowed panel origins" }</h3> };
    if let Err(shown) = editor.ready("Loading the origins…") {
        return html! { <div class="c-origins">{ heading }{ shown }</div> };
    }
    let onsubmit = {
        let (editor, tenant) = (editor.clone(), props.tenant.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let tenant = tenant.clone();
            editor.save(
                move |api, typed: String| async move {
                    let list = typed
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(String::from)
                        .collect();
                    // The answer is the list as the server keeps it: lower case, no path.
                    api.save_origins(&tenant, list).await
                },
                |saved: &Vec<String>| saved_message(saved),
                &[],
            );
        })
    };
    let oninput = editor
        .edit(|d: &mut String, v: String| *d = v)
        .reform(|e: InputEvent| form::textarea_value(&e));
    html! {
        <form class="c-form c-origins" {onsubmit} aria-labelledby="c-t-origins-title">
            { heading }
            <label for="c-t-origins">{ "One per line, like https://panel.example.com:2083. Empty: any panel." }</label>
            <textarea id="c-t-origins" rows="3" value={(*editor.draft).clone()} {oninput} />
            if let Some((ok, text)) = &*editor.outcome {
                <p class={if *ok { "c-ok c-once" } else { "c-error" }} role="status">{ text }</p>
            }
            <button type="submit" class="c-button" disabled={*editor.busy}>{ "Save origins" }</button>
        </form>
    }
}
