//! Half-written tickets and replies, kept in the customer's store as they change so a reload
//! loses neither. Each keeps its idempotency key: sending it again after a reload that followed
//! a lost answer gives the server the same key, and the server stores it once.

use panelcare_model::ticket::Attachment;
use wasm_bindgen::JsValue;
use yew::UseStateHandle;

use crate::{
    storage::{Store, new_key},
    wire::Out,
};

/// The new-ticket form's name in the store. The page's `panelcare.open("tickets", …)` writes
/// a draft under it, in the shape `Draft::save` writes (`www/launcher.js`, `prefill`).
pub const NEW_TICKET: &str = "ticket-draft";

/// The name of the reply being written on `ticket`.
pub fn reply_to(ticket: &str) -> String {
    format!("reply-draft:{ticket}")
}

/// A new ticket, or a reply (which leaves department, priority and subject empty). One type
/// for both: the widget is over its size budget, and a second type would double the code.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    store: Store,
    name: String,
    pub key: String,
    pub department: String,
    pub priority: String,
    pub subject: String,
    pub message: String,
    /// Already uploaded; only id and name are kept, which is all the form shows and the
    /// server needs.
    pub files: Vec<Attachment>,
}

impl Draft {
    /// What is kept under `name`, or an empty draft with a fresh key.
    pub fn load(store: &Store, name: &str) -> Self {
        let mut d = Self {
            store: store.clone(),
            name: name.to_owned(),
            key: String::new(),
            department: String::new(),
            priority: String::new(),
            subject: String::new(),
            message: String::new(),
            files: Vec::new(),
        };
        match store.read(name).and_then(|o| Some((o.str("key")?, o))) {
            Some((key, o)) => {
                d.key = key;
                d.department = o.str("department").unwrap_or_default();
                d.priority = o.str("priority").unwrap_or_default();
                d.subject = o.str("subject").unwrap_or_default();
                d.message = o.str("message").unwrap_or_default();
                d.files = o
                    .list("files")
                    .iter()
                    .filter_map(|f| {
                        Some(Attachment {
                            id: f.str("id")?,
                            name: f.str("name")?,
                            content_type: String::new(),
                            size: 0,
                            url: String::new(),
                            thumbnail_url: None,
                        })
                    })
                    .collect();
            }
            None => d.clear(),
        }
        d
    }

    /// Empty, with a fresh key for the next message (the store forgets it on the next save).
    pub fn clear(&mut self) {
        self.key = new_key();
        self.subject.clear();
        self.message.clear();
        self.files.clear();
    }

    /// Stores it, or forgets it once nothing is written (a changed priority alone is not
    /// worth bringing the form back for).
    fn save(&self) {
        let empty = self.subject.trim().is_empty()
            && self.message.trim().is_empty()
            && self.files.is_empty();
        let out = (!empty).then(|| {
            let files: js_sys::Array = self
                .files
                .iter()
                .map(|a| {
                    Out::new()
                        .set("id", a.id.as_str())
                        .set("name", a.name.as_str())
                        .into_value()
                })
                .collect();
            Out::new()
                .set("key", self.key.as_str())
                .set("department", self.department.as_str())
                .set("priority", self.priority.as_str())
                .set("subject", self.subject.as_str())
                .set("message", self.message.as_str())
                .set("files", files)
        });
        self.store.write(&self.name, out.as_ref());
    }

    /// The ids the server links to the message.
    pub fn file_ids(&self) -> js_sys::Array {
        self.files
            .iter()
            .map(|a| JsValue::from_str(&a.id))
            .collect()
    }
}

/// Applies `change` to the draft in `state` and saves it, so a reload or a closed tab loses
/// nothing. A Yew 0.23 handle reads the latest state, not the one of the render that made the
/// callback: an upload that ends while the customer types does not bring back older text.
pub fn edit(state: &UseStateHandle<Draft>, change: impl FnOnce(&mut Draft)) {
    let mut d = (**state).clone();
    change(&mut d);
    d.save();
    state.set(d);
}
