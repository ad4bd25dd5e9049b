//! The widget's hand-written JSON readers (`wire.rs` and its feature twins) against the API
//! document's examples: what each reader makes of an example equals what serde, as the server
//! writes it, reads from the same example. A field the server renames, or a reader that
//! misspells or drops one, fails here instead of in a customer's panel.
#![cfg(target_arch = "wasm32")]
// Test helpers outside #[test] functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

use panelcare::{
    offers::wire as offers,
    tickets::wire as tickets,
    wire::{self, Obj},
};
use panelcare_model::{
    ErrorBody, Feedback, FeedbackList,
    branding::Branding,
    kb::{Article, KbSearch},
    notice::NoticeList,
    offers::Offer,
    text::LangTexts,
    ticket::{Attachment, Message, TicketList, TicketOptions, TicketSummary, TicketThread},
};
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const DOCUMENT: &str = include_str!("../docs/openapi.json");

/// Schema `name`'s example: as serde reads it into `T`, and as the browser parses it.
fn example<T: DeserializeOwned>(name: &str) -> (T, Obj) {
    let doc: Value = serde_json::from_str(DOCUMENT).unwrap();
    let example = doc["components"]["schemas"][name]["example"].clone();
    assert!(!example.is_null(), "schema {name} has no example");
    let typed = serde_json::from_value(example.clone()).unwrap();
    (typed, Obj::parse(&example.to_string()).unwrap())
}

#[wasm_bindgen_test]
fn feedback_and_its_list() {
    let (want, o) = example::<Feedback>("Feedback");
    assert_eq!(wire::feedback(&o), Some(want));
    let (want, o) = example::<FeedbackList>("FeedbackList");
    assert!(!want.items.is_empty());
    assert_eq!(wire::feedback_list(&o), want.items);
}

#[wasm_bindgen_test]
fn refusals() {
    let (want, o) = example::<ErrorBody>("ErrorBody");
    assert!(!want.error.fields.is_empty(), "the example names a field");
    assert_eq!(wire::api_error(&o), Some(want.error));
}

#[wasm_bindgen_test]
fn branding_and_texts() {
    let (mut want, o) = example::<Branding>("Branding");
    // The launcher's fields are the loader's (www/launcher.js): the widget leaves them unread.
    assert!(want.launcher, "the example turns the launcher on");
    want.launcher = false;
    want.launcher_side = Default::default();
    assert_eq!(wire::branding(&o), want);
    let (want, o) = example::<LangTexts>("LangTexts");
    let read: Vec<(String, String)> = want.texts.into_iter().collect();
    assert!(!read.is_empty());
    assert_eq!(wire::words(&o), read);
}

#[wasm_bindgen_test]
fn tickets_summary_list_and_thread() {
    let (want, o) = example::<TicketSummary>("TicketSummary");
    assert_eq!(tickets::summary(&o), Some(want));
    let (want, o) = example::<TicketList>("TicketList");
    let read: Vec<TicketSummary> = o
        .list("items")
        .iter()
        .filter_map(tickets::summary)
        .collect();
    assert!(!want.items.is_empty());
    assert_eq!(read, want.items);
    let (want, o) = example::<TicketThread>("TicketThread");
    assert_eq!(tickets::thread(&o), Some((want.ticket, want.messages)));
}

#[wasm_bindgen_test]
fn messages_and_files() {
    let (want, o) = example::<Message>("Message");
    assert!(!want.attachments.is_empty() && want.status.is_some());
    assert_eq!(tickets::message(&o), Some(want));
    let (want, o) = example::<Attachment>("Attachment");
    assert!(want.thumbnail_url.is_some());
    assert_eq!(tickets::attachment(&o), Some(want));
}

#[wasm_bindgen_test]
fn ticket_options_with_the_upsell() {
    let (want, o) = example::<TicketOptions>("TicketOptions");
    assert!(want.upsell.is_some(), "the example carries an upsell");
    assert_eq!(tickets::options(&o), want);
}

#[wasm_bindgen_test]
fn knowledge_base_and_notices() {
    let (want, o) = example::<KbSearch>("KbSearch");
    assert!(!want.items.is_empty());
    assert_eq!(tickets::hits(&o), want.items);
    let (want, o) = example::<Article>("Article");
    assert_eq!(tickets::article(&o), Some(want));
    let (want, o) = example::<NoticeList>("NoticeList");
    assert!(want.items.iter().any(|n| !n.updates.is_empty()));
    assert_eq!(tickets::notices(&o), want.items);
}

/// The widget keeps its own offer type (attribute values for the card); every field it has
/// must hold what the server sent.
#[wasm_bindgen_test]
fn offer() {
    let (want, o) = example::<Offer>("Offer");
    let read = offers::offer(&o).unwrap();
    assert!(!want.why.is_empty() && !want.changes.is_empty());
    assert_eq!(
        (
            read.rule.as_str(),
            read.variant.as_str(),
            read.kind.as_str(),
            read.target_name.as_str(),
            read.current_name.as_str(),
            read.headline.as_str(),
            read.body.as_str(),
            read.price.as_str(),
            read.price_diff.as_str(),
            read.cta_url.as_str(),
            read.snooze_days,
        ),
        (
            want.rule.as_str(),
            want.variant.as_str(),
            want.kind.as_str(),
            want.target_name.as_str(),
            want.current_name.as_str(),
            want.headline.as_str(),
            want.body.as_str(),
            want.price.as_str(),
            want.price_diff.as_str(),
            want.cta_url.as_str(),
            want.snooze_days,
        )
    );
    let why: Vec<(String, String)> = read
        .why
        .iter()
        .map(|w| (w.key.to_string(), w.text.to_string()))
        .collect();
    let want_why: Vec<(String, String)> = want.why.into_iter().map(|w| (w.key, w.text)).collect();
    assert_eq!(why, want_why);
    let changes: Vec<_> = read
        .changes
        .iter()
        .map(|c| (c.metric, c.current.to_string(), c.offered.to_string()))
        .collect();
    let want_changes: Vec<_> = want
        .changes
        .into_iter()
        .map(|c| (c.metric, c.current, c.offered))
        .collect();
    assert_eq!(changes, want_changes);
}
