//! Files for an answer or an update: choosing them (each is uploaded at once, and the server
//! decides what it is from its content) and removing one before sending.

use panelcare_model::ticket::Attachment;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::console::use_console;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct FilesFieldProps {
    /// Whose ticket: uploads are kept per tenant.
    pub tenant: AttrValue,
    pub files: Vec<Attachment>,
    pub on_attached: Callback<Attachment>,
    /// A file could not be uploaded: its name and why.
    pub on_failed: Callback<String>,
    pub on_remove: Callback<String>,
}

#[component]
pub fn FilesField(props: &FilesFieldProps) -> Html {
    let console = use_console();
    let onchange = {
        let tenant = props.tenant.clone();
        let (on_attached, on_failed) = (props.on_attached.clone(), props.on_failed.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let chosen: Vec<web_sys::File> =
                (0..list.length()).filter_map(|i| list.get(i)).collect();
            input.set_value("");
            let (console, tenant) = (console.clone(), tenant.clone());
            let (on_attached, on_failed) = (on_attached.clone(), on_failed.clone());
            spawn_local(async move {
                for file in chosen {
                    let result = console.api.upload(&tenant, &file).await;
                    if let Some(a) = console.settle(result, |e| {
                        on_failed.emit(format!("{}: {}", file.name(), e.message()));
                    }) {
                        on_attached.emit(a);
                    }
                }
            });
        })
    };
    html! {
        <div class="c-field">
            <label for="c-t-files">{ "Attach files (images, PDF, text)" }</label>
            <input id="c-t-files" type="file" multiple=true {onchange} />
            if !props.files.is_empty() {
                <ul class="c-files">{ for props.files.iter().map(|f| {
                    let id = f.id.clone();
                    let remove = props.on_remove.reform(move |_: MouseEvent| id.clone());
                    html! { <li key={f.id.clone()}>{ &f.name }{ " " }<button type="button" class="c-link" onclick={remove}>{ "remove" }</button></li> }
                }) }</ul>
            }
        </div>
    }
}
