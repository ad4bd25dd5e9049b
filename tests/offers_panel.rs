//! The offer card in a real browser, mounted as the loader mounts it and talking to the demo
//! server `cargo xtask test` starts (its catalogue: Starter → Pro → Business VPS, and its
//! rules). Every test is a fresh Starter account whose panel reports the usage the test
//! chooses.
#![cfg(target_arch = "wasm32")]
// A failed unwrap is a failed test with a clear place.
#![allow(clippy::unwrap_used)]

mod support;

use support::{Widget, acme_using, answered, fresh, navigated, sent};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const GB: f64 = 1024.0 * 1024.0 * 1024.0;
const OFFERS: &str = "POST /api/v1/offers";
const EVENTS: &str = "POST /api/v1/offers/events";

/// Usage JSON: disk `used` of 5 GB, and `databases` of 5.
fn usage(disk_gb: f64, databases: u32) -> String {
    format!(
        r#"{{"disk": {{"used": {}, "limit": {}}}, "databases": {{"used": {databases}, "limit": 5}}, "service_id": "svc-1"}}"#,
        disk_gb * GB,
        5.0 * GB
    )
}

async fn card(usage: &str, locale: &str) -> (Widget, String) {
    let account = fresh("offer");
    let w = Widget::mount("offers", acme_using(&account, locale, usage));
    let before = answered(OFFERS);
    w.until_answered(OFFERS, before + 1).await;
    (w, account)
}

#[wasm_bindgen_test]
async fn near_the_disk_limit_the_card_explains_itself_with_the_customers_numbers() {
    let (w, _) = card(&usage(4.6, 1), "en").await;
    let headline = w.text(".pc-offer h3");
    assert!(
        headline == "You use 4.6\u{a0}GB of your 5\u{a0}GB disk space"
            || headline == "Your disk is 92% full",
        "{headline}"
    );
    assert_eq!(w.text(".pc-offer-label"), "Suggested for you");
    assert_eq!(
        w.text(".pc-offer-facts li"),
        "Disk space: 4.6\u{a0}GB / 5\u{a0}GB (92%)"
    );
    // Current against offered limits, side by side, with the current plan named.
    assert_eq!(
        w.texts(".pc-offer-compare thead th"),
        ["Now (Starter)", "Pro"]
    );
    let disk = w.texts(".pc-offer-compare tbody tr:first-child > *");
    assert_eq!(disk, ["Disk space", "5\u{a0}GB", "50\u{a0}GB"]);
    assert_eq!(
        w.text(".pc-offer-price"),
        "Price: €9.00/monthDifference: +€5.00/month"
    );
    assert_eq!(
        w.texts(".pc-offer-actions button"),
        ["Upgrade to Pro", "Not now", "Don't show again"]
    );
    // The card is named by its headline for screen readers.
    assert_eq!(
        w.get(".pc-offer")
            .get_attribute("aria-labelledby")
            .as_deref(),
        Some("pc-offer-headline")
    );
}

#[wasm_bindgen_test]
async fn nothing_fits_nothing_is_drawn() {
    let (w, _) = card(&usage(1.0, 1), "en").await;
    assert!(w.find(".pc-offer").is_none());
    // Not even an empty box: the widget's body holds no element at all, and the root is not
    // drawn.
    assert_eq!(w.get(".pc-body").child_element_count(), 0);
    let style = gloo::utils::window()
        .get_computed_style(&w.get(".pc-root"))
        .unwrap()
        .unwrap();
    assert_eq!(style.get_property_value("display").unwrap(), "none");
}

#[wasm_bindgen_test]
async fn a_host_that_cannot_say_its_usage_gets_no_usage_offer_and_no_error() {
    let (w, _) = card("reject", "en").await;
    assert!(w.find(".pc-offer").is_none());
    assert!(w.find(".pc-alert").is_none());
}

#[wasm_bindgen_test]
async fn an_impression_is_counted_only_once_the_card_is_on_screen() {
    let account = fresh("offscreen");
    let w = Widget::mount("offers", acme_using(&account, "en", &usage(4.6, 1)));
    // Far below the fold, as on a long dashboard.
    let host = w
        .host_element()
        .dyn_ref::<web_sys::HtmlElement>()
        .unwrap()
        .clone();
    host.style().set_property("margin-top", "4000px").unwrap();
    let before = answered(OFFERS);
    w.until_answered(OFFERS, before + 1).await;
    w.until("the card", |w| w.find(".pc-offer").is_some()).await;
    let events = sent(EVENTS);
    gloo_timers::future::TimeoutFuture::new(300).await;
    assert_eq!(sent(EVENTS), events, "drawn below the fold is not seen");
    host.scroll_into_view();
    w.until("the impression", |_| sent(EVENTS) == events + 1)
        .await;
    // Scrolling away and back does not count the same view again.
    gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
    gloo_timers::future::TimeoutFuture::new(100).await;
    host.scroll_into_view();
    gloo_timers::future::TimeoutFuture::new(300).await;
    assert_eq!(sent(EVENTS), events + 1);
    gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
}

#[wasm_bindgen_test]
async fn not_now_says_for_how_long_moves_focus_there_and_holds_on_the_next_visit() {
    let (w, account) = card(&usage(4.6, 1), "en").await;
    w.click(".pc-offer-actions .pc-ghost");
    w.until("the answer", |w| w.find(".pc-offer-answered").is_some())
        .await;
    assert_eq!(
        w.text(".pc-offer-answered"),
        "Hidden for 7 days. We will not remind you before then."
    );
    w.until("focus on the answer", |w| w.focused(".pc-offer-answered"))
        .await;
    drop(w);
    // The next page view of the same customer: the server remembers.
    let again = Widget::mount("offers", acme_using(&account, "en", &usage(4.6, 1)));
    let before = answered(OFFERS);
    again.until_answered(OFFERS, before + 1).await;
    assert!(
        again.find(".pc-offer").is_none(),
        "{}",
        again.get(".pc-root").inner_html()
    );
}

#[wasm_bindgen_test]
async fn upgrading_reports_the_click_then_asks_the_host_to_navigate() {
    let (w, account) = card(&usage(4.6, 1), "en").await;
    let clicks = sent(EVENTS);
    w.click(".pc-offer-actions .pc-primary");
    w.until("the host's navigate()", |_| navigated().contains(&account))
        .await;
    assert!(sent(EVENTS) > clicks, "the click was reported first");
    let url = format!("/demo/billing.html?account={account}&target=pro");
    assert!(navigated().split(' ').any(|u| u == url), "{}", navigated());
}

#[wasm_bindgen_test]
async fn russian_customers_read_the_offer_in_russian() {
    let (w, _) = card(&usage(4.8, 1), "ru-RU").await;
    assert_eq!(
        w.text(".pc-offer h3"),
        "Занято 4,8\u{a0}GB из 5\u{a0}GB на диске"
    );
    assert_eq!(w.text(".pc-offer-label"), "Рекомендуем вам");
    assert_eq!(w.texts(".pc-offer-actions button")[0], "Перейти на Pro");
}
