//! Files on a new ticket or reply: chosen with the browser's picker, uploaded at once (the
//! server checks what they are), listed with a way to take each back off.

use panelcare_model::ticket::Attachment;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::{api::ApiError, session::use_session};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct FilePickerProps {
    /// The `id` of the input, for its label.
    pub id: AttrValue,
    pub files: Vec<Attachment>,
    /// One file more or less: the owner applies it to the files it has *now*, so an upload
    /// that ends after the customer removed another file does not bring that one back.
    pub on_change: Callback<FileChange>,
    pub max: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FileChange {
    Added(Attachment),
    /// The id of the file taken off.
    Removed(String),
}

impl FileChange {
    pub fn apply(self, files: &mut Vec<Attachment>) {
        match self {
            Self::Added(a) => files.push(a),
            Self::Removed(id) => files.retain(|a| a.id != id),
        }
    }
}

#[component]
pub fn FilePicker(props: &FilePickerProps) -> Html {
    let session = use_session();
    let t = session.i18n.t;
    let uploading = use_state(|| 0u32);
    let error = use_state(|| None::<&'static str>);
    let onchange = {
        let (api, files, on_change, max) = (
            session.api.clone(),
            props.files.clone(),
            props.on_change.clone(),
            props.max,
        );
        let (uploading, error) = (uploading.clone(), error.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let chosen: Vec<web_sys::File> =
                (0..list.length()).filter_map(|i| list.get(i)).collect();
            input.set_value("");
            let room = max.saturating_sub(files.len());
            let (api, on_change, uploading, error) = (
                api.clone(),
                on_change.clone(),
                uploading.clone(),
                error.clone(),
            );
            error.set(None);
            uploading.set(chosen.len().min(room) as u32);
            spawn_local(async move {
                for file in chosen.into_iter().take(room) {
                    match api.upload(&file).await {
                        Ok(a) => on_change.emit(FileChange::Added(a)),
                        Err(ApiError::Rejected { error: e, .. }) => {
                            error.set(Some(t.request_error(e.code)))
                        }
                        Err(_) => error.set(Some(t.err_generic)),
                    }
                }
                uploading.set(0);
            });
        })
    };
    html! {
        <div class="pc-field">
            <label class="pc-label" for={props.id.clone()}>{ t.files_label }</label>
            <input id={props.id.clone()} type="file" multiple=true
                accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,.log,.txt"
                disabled={props.files.len() >= props.max} {onchange} />
            if *uploading > 0 {
                <p class="pc-muted" role="status">{ t.uploading }</p>
            }
            if let Some(e) = *error {
                <p class="pc-field-error" role="alert">{ e }</p>
            }
            if !props.files.is_empty() {
                <ul class="pc-files">
                    { for props.files.iter().map(|f| {
                        let id = f.id.clone();
                        let onclick = props
                            .on_change
                            .reform(move |_: MouseEvent| FileChange::Removed(id.clone()));
                        html! {
                            <li key={f.id.clone()}>
                                <span>{ &f.name }</span>
                                <button type="button" class="pc-link" {onclick}>{ t.file_remove }</button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}
