//! What the widget keeps in the browser: the drafts being written (feedback, a new ticket, a
//! reply per ticket) and the outbox of submissions not yet accepted by the server. All survive
//! a reload.
//!
//! Keys are per host and account, so two customers sharing a browser never see each
//! other's drafts. Where storage is blocked or full (private modes, sandboxed frames) the
//! values live in memory: the widget still delivers everything, it just cannot keep it across
//! a reload.

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
};

use panelcare_model::NewFeedback;

use crate::wire::{self, Obj, Out};

/// A submission waiting for the server, with the idempotency key it is always retried with.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub key: String,
    pub body: NewFeedback,
    /// `Date.now()` when the customer pressed send.
    pub queued_at: f64,
    pub attempts: u32,
}

/// Written by the page's `panelcare.open("feedback", …)` too (`www/launcher.js`, `prefill`).
const DRAFT: &str = "feedback-draft";
/// Kept when the page's `panelcare.logout()` forgets the rest (`www/api.js`, `forget`).
const OUTBOX: &str = "feedback-outbox";
/// What the customer hid of the notices bar: the notices and updates it showed.
const NOTICES_HIDDEN: &str = "notices-hidden";

/// One customer's corner of `localStorage`, with an in-memory stand-in.
#[derive(Debug, Clone)]
pub struct Store {
    prefix: String,
    /// `(name, value)`; a handful of names, so a list beats a map in code size.
    memory: Rc<RefCell<Vec<(String, String)>>>,
    /// Set once a write to `localStorage` failed: from then on memory is the truth.
    in_memory: Rc<Cell<bool>>,
}

/// Two handles on the same customer's storage are the same store.
impl PartialEq for Store {
    fn eq(&self, other: &Self) -> bool {
        self.prefix == other.prefix
    }
}

impl Store {
    pub fn new(host: &str, account: &str) -> Self {
        Self {
            prefix: format!("panelcare:v1:{host}:{account}:"),
            memory: Rc::default(),
            in_memory: Rc::default(),
        }
    }

    fn storage(&self) -> Option<web_sys::Storage> {
        if self.in_memory.get() {
            return None;
        }
        web_sys::window()?.local_storage().ok().flatten()
    }

    /// From `localStorage`, so that another tab's changes are seen; from memory where
    /// storage is blocked or refused a write.
    fn get(&self, name: &str) -> Option<String> {
        match self.storage() {
            Some(s) => {
                let value = s.get_item(&format!("{}{name}", self.prefix)).ok().flatten();
                // Mirrored, so that memory can take over at once should storage refuse a write.
                self.remember(name, value.clone());
                value
            }
            None => self
                .memory
                .borrow()
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone()),
        }
    }

    fn remember(&self, name: &str, value: Option<String>) {
        let mut memory = self.memory.borrow_mut();
        memory.retain(|(n, _)| n != name);
        if let Some(v) = value {
            memory.push((name.to_owned(), v));
        }
    }

    fn set(&self, name: &str, value: &str) {
        self.remember(name, Some(value.to_owned()));
        let Some(s) = self.storage() else { return };
        if s.set_item(&format!("{}{name}", self.prefix), value)
            .is_err()
        {
            // Full or refused: go on in memory, which already holds all this widget read or
            // wrote.
            self.in_memory.set(true);
        }
    }

    fn remove(&self, name: &str) {
        self.remember(name, None);
        if let Some(s) = self.storage() {
            let _ = s.remove_item(&format!("{}{name}", self.prefix));
        }
    }

    /// The object kept under `name` (a ticket or reply draft), if any.
    pub fn read(&self, name: &str) -> Option<Obj> {
        self.get(name).and_then(|t| Obj::parse(&t))
    }

    /// Keeps `value` under `name`, or forgets what was there when it is `None`.
    pub fn write(&self, name: &str, value: Option<&Out>) {
        match value {
            Some(v) => self.set(name, &v.to_json()),
            None => self.remove(name),
        }
    }

    /// The notices bar the customer hid on this device (see [`crate::tickets::notices`]).
    pub fn hidden_notices(&self) -> Option<String> {
        self.get(NOTICES_HIDDEN)
    }

    /// Hides the notices bar while it would show exactly `shown`.
    pub fn hide_notices(&self, shown: &str) {
        self.set(NOTICES_HIDDEN, shown);
    }

    pub fn draft(&self) -> Option<NewFeedback> {
        self.read(DRAFT).map(|o| wire::new_feedback(&o))
    }

    pub fn save_draft(&self, draft: &NewFeedback) {
        if *draft == NewFeedback::default() {
            self.remove(DRAFT);
        } else {
            self.set(DRAFT, &wire::new_feedback_out(draft).to_json());
        }
    }

    /// Submissions not yet accepted, oldest first.
    pub fn outbox(&self) -> Vec<Pending> {
        let Some(text) = self.get(OUTBOX) else {
            return Vec::new();
        };
        let Ok(list) = js_sys::JSON::parse(&text) else {
            return Vec::new();
        };
        if !js_sys::Array::is_array(&list) {
            return Vec::new();
        }
        js_sys::Array::from(&list)
            .iter()
            .filter_map(Obj::new)
            .filter_map(|o| wire::pending(&o))
            .collect()
    }

    fn save_outbox(&self, items: &[Pending]) {
        if items.is_empty() {
            self.remove(OUTBOX);
        } else {
            let list: js_sys::Array = items
                .iter()
                .map(|p| wire::pending_out(p).into_value())
                .collect();
            if let Ok(text) = js_sys::JSON::stringify(&list) {
                self.set(OUTBOX, &String::from(text));
            }
        }
    }

    /// Adds or replaces (by key) one pending submission. Reads storage first so that another
    /// tab's changes are kept.
    pub fn put_pending(&self, item: &Pending) {
        let mut items = self.outbox();
        match items.iter_mut().find(|p| p.key == item.key) {
            Some(existing) => *existing = item.clone(),
            None => items.push(item.clone()),
        }
        self.save_outbox(&items);
    }

    pub fn remove_pending(&self, key: &str) {
        let mut items = self.outbox();
        items.retain(|p| p.key != key);
        self.save_outbox(&items);
    }
}

/// A new idempotency key: 128 random bits, so two tabs or two devices never collide.
/// (`crypto.randomUUID` would be shorter but exists only in secure contexts.)
pub fn new_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut key = String::from("fb-");
    for b in bytes {
        key.push(HEX[usize::from(b >> 4)] as char);
        key.push(HEX[usize::from(b & 15)] as char);
    }
    key
}
