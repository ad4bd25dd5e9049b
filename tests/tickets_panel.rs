//! The ticket widget and the notices banner in a real browser, mounted the way the loader
//! mounts them (into a shadow root, through `panelcare::mount`), talking to the real server in
//! demo mode that `cargo xtask test` starts and names in `PANELCARE_TEST_SERVER`.
//!
//! The test host signs its identity tokens in the browser with the demo tenants' published
//! secrets, as a panel's backend would, and gives every test its own account so no test sees
//! another's tickets.
#![cfg(target_arch = "wasm32")]
// A failed unwrap is a failed test with a clear place.
#![allow(clippy::unwrap_used)]

mod support;

use support::{Widget, acme, answered, bluefox, fresh, lose_next_answer, sent, stored};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_form_promises_the_first_answer_for_the_chosen_priority() {
    let w = Widget::tickets(acme(&fresh("promise"), "en"));
    w.open_form().await;
    // The demo tenant's standard tier, as the server's ticket options say.
    assert_eq!(w.text("#pc-t-promise"), "First answer within 12 hours");
    assert_eq!(
        w.get("#pc-t-priority")
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("pc-t-promise")
    );
    w.choose("#pc-t-priority", "critical");
    w.settle().await;
    assert_eq!(w.text("#pc-t-promise"), "First answer within 1 hour");
    w.choose("#pc-t-priority", "low");
    w.settle().await;
    assert_eq!(w.text("#pc-t-promise"), "First answer within 24 hours");
    // The form can be left without opening anything.
    w.click(".pc-new-ticket .pc-link");
    w.settle().await;
    assert!(w.find(".pc-new-ticket").is_none());
    assert_eq!(
        w.text(".pc-tickets-panel > .pc-muted"),
        "You have no tickets yet."
    );
}

#[wasm_bindgen_test]
async fn an_empty_subject_is_refused_next_to_the_field_in_russian() {
    let w = Widget::tickets(acme(&fresh("ru-empty"), "ru-RU"));
    w.open_form().await;
    w.type_into("#pc-t-message", "Сайт не открывается с утра.");
    w.settle().await;
    let posts = sent("POST /api/v1/tickets");
    w.click(".pc-new-ticket button[type=submit]");
    w.until("the subject's error", |w| {
        w.find("#pc-t-subject-error").is_some()
    })
    .await;
    assert_eq!(w.text("#pc-t-subject-error"), "Заполните это поле.");
    let subject = w.get("#pc-t-subject");
    // Right below the field, and the field points at it for screen readers.
    assert_eq!(
        subject.next_element_sibling().map(|e| e.id()).as_deref(),
        Some("pc-t-subject-error")
    );
    assert_eq!(
        subject.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        subject.get_attribute("aria-describedby").as_deref(),
        Some("pc-t-subject-error")
    );
    assert!(
        w.find("#pc-t-message-error").is_none(),
        "the message is fine"
    );
    w.until("focus on #pc-t-subject", |w| w.focused("#pc-t-subject"))
        .await;
    assert_eq!(sent("POST /api/v1/tickets"), posts, "nothing was sent");
}

#[wasm_bindgen_test]
async fn an_opened_ticket_is_listed_with_its_status_and_promise() {
    let w = Widget::tickets(acme(&fresh("opened"), "en"));
    w.until("the empty list", |w| {
        w.has_text(".pc-tickets-panel > .pc-muted", "You have no tickets yet.")
    })
    .await;
    let subject = "Nightly backups stopped on Monday";
    w.open_ticket(
        "high",
        subject,
        "The last backup in the list is from Sunday night.",
    )
    .await;
    assert_eq!(w.text(".pc-thread .pc-badge"), "Open");
    assert_eq!(
        w.texts(".pc-msg-mine .pc-message"),
        ["The last backup in the list is from Sunday night."]
    );

    w.click(".pc-thread > .pc-link");
    w.until("the ticket in the list", |w| {
        w.find(".pc-tickets .pc-item").is_some()
    })
    .await;
    assert_eq!(w.texts(".pc-tickets .pc-subject"), [subject]);
    assert!(w.text(".pc-tickets .pc-number").starts_with('#'));
    assert_eq!(w.text(".pc-tickets .pc-badge"), "Open");
    assert_eq!(w.text(".pc-tickets .pc-tag"), "High");
    assert_eq!(
        w.text(".pc-tickets .pc-promise"),
        "Our answer is due in 4 hours"
    );
    // With no notices banner on this page, the list itself says what is going on.
    w.until("the notices above the list", |w| {
        w.find(".pc-tickets-panel .pc-notices").is_some()
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_subject_matching_an_article_suggests_it_and_the_article_can_settle_it() {
    let w = Widget::tickets(acme(&fresh("kb"), "en"));
    w.open_form().await;
    w.type_into("#pc-t-subject", "503 Service Unavailable");
    w.until("suggestions", |w| w.find(".pc-suggestions li").is_some())
        .await;
    assert_eq!(
        w.text(".pc-suggestions .pc-label"),
        "These articles may help"
    );
    // Only the tenant's article in the customer's language: not Acme's Russian one, not
    // BlueFox's.
    assert_eq!(
        w.texts(".pc-suggestions li button"),
        ["Website shows 503 Service Unavailable"]
    );
    // Too short a subject to search clears them.
    w.type_into("#pc-t-subject", "50");
    w.settle().await;
    assert!(w.find(".pc-suggestions").is_none());

    w.type_into("#pc-t-subject", "Site down with 503");
    w.until("suggestions again", |w| {
        w.find(".pc-suggestions li button").is_some()
    })
    .await;
    w.click(".pc-suggestions li button");
    w.until("the article", |w| w.find(".pc-article").is_some())
        .await;
    w.until("focus on #pc-article-title", |w| {
        w.focused("#pc-article-title")
    })
    .await;
    w.click(".pc-article .pc-button:not(.pc-primary)");
    w.settle().await;
    w.until("focus on .pc-suggestions li button", |w| {
        w.focused(".pc-suggestions li button")
    })
    .await;
    w.click(".pc-suggestions li button");
    w.until("the article again", |w| w.find(".pc-article").is_some())
        .await;
    assert_eq!(
        w.text("#pc-article-title"),
        "Website shows 503 Service Unavailable"
    );
    // The server's markdown, rendered and cleaned.
    assert_eq!(w.text(".pc-article-body strong"), "503");
    assert!(w.text(".pc-article-body").contains("no free PHP worker"));
    w.click(".pc-article .pc-primary");
    w.until("the thanks", |w| w.find(".pc-notice.pc-ok").is_some())
        .await;
    assert_eq!(
        w.text(".pc-notice.pc-ok"),
        "Glad it helped! No ticket needed."
    );
    w.until("focus on .pc-solved", |w| w.focused(".pc-solved"))
        .await;
}

#[wasm_bindgen_test]
async fn the_thread_shows_the_agents_answer() {
    // Alice's earlier ticket, answered by an agent and rated (demo_support.rs); read only.
    let subject = "Browser warns about the certificate on shop.alice-bakery.example";
    let w = Widget::tickets(acme("alice", "en"));
    w.until("Alice's ticket", |w| {
        w.item_with(".pc-tickets .pc-item", subject).is_some()
    })
    .await;
    let item = w.item_with(".pc-tickets .pc-item", subject).unwrap();
    assert_eq!(w.text(&format!("{item} .pc-badge")), "Resolved");
    assert!(
        w.find(&format!("{item} .pc-promise")).is_none(),
        "nothing owed"
    );
    w.click(&format!("{item} .pc-ticket-link"));
    w.until("the thread", |w| w.find(".pc-conversation li").is_some())
        .await;
    assert_eq!(w.text(".pc-msg-support strong"), "Andrej Agent");
    assert!(
        w.text(".pc-msg-support .pc-message")
            .contains("I ran AutoSSL again")
    );
    assert_eq!(w.texts(".pc-msg-mine strong"), ["You", "You"]);
    let events = w.texts(".pc-event strong");
    assert_eq!(events, ["Awaiting you", "Resolved"]);
    assert_eq!(
        w.text(".pc-thread .pc-notice.pc-ok"),
        "Thank you for your rating!"
    );
    assert!(w.find(".pc-rate").is_none(), "rated once only");
    assert_eq!(w.text(".pc-thread > .pc-button"), "Reopen ticket");
}

#[wasm_bindgen_test]
async fn a_customer_replies_closes_and_reopens() {
    let w = Widget::tickets(acme(&fresh("reply"), "en"));
    w.open_ticket(
        "normal",
        "Cannot create a database",
        "The wizard stops at step 2.",
    )
    .await;
    // An empty reply is refused at its field, which takes the keyboard.
    w.click(".pc-reply button[type=submit]");
    w.settle().await;
    assert_eq!(w.text("#pc-reply-error"), "This field is required.");
    let field = w.get("#pc-reply");
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        field.get_attribute("aria-describedby").as_deref(),
        Some("pc-reply-error")
    );
    w.until("focus on #pc-reply", |w| w.focused("#pc-reply"))
        .await;
    assert!(w.find(".pc-thread .pc-notice.pc-error").is_none());

    w.type_into("#pc-reply", "It says: user limit reached.");
    w.settle().await;
    assert!(w.find("#pc-reply-error").is_none(), "typing clears it");
    w.click(".pc-reply button[type=submit]");
    w.until("the reply in the thread", |w| {
        w.texts(".pc-msg-mine .pc-message").len() == 2
    })
    .await;
    assert_eq!(
        w.texts(".pc-msg-mine .pc-message"),
        [
            "The wizard stops at step 2.",
            "It says: user limit reached."
        ]
    );
    assert!(w.find(".pc-thread .pc-notice.pc-error").is_none());
    assert_eq!(
        w.value("#pc-reply"),
        "",
        "the reply box is empty for the next one"
    );

    w.click(".pc-reply .pc-actions .pc-button:not(.pc-primary)");
    w.until("the closed ticket", |w| {
        w.has_text(".pc-thread .pc-badge", "Closed")
    })
    .await;
    // The close button is gone: focus is at the top of the thread, not lost to the page.
    w.until("focus on #pc-thread-title", |w| {
        w.focused("#pc-thread-title")
    })
    .await;
    assert!(
        w.find(".pc-reply").is_none(),
        "a closed ticket takes no replies"
    );
    assert_eq!(w.texts(".pc-event strong"), ["Closed"]);
    w.click(".pc-thread > .pc-button");
    w.until("the reopened ticket", |w| {
        w.has_text(".pc-thread .pc-badge", "Awaiting support")
    })
    .await;
    assert!(w.find(".pc-reply").is_some());
    assert_eq!(w.texts(".pc-event strong"), ["Closed", "Awaiting support"]);
}

#[wasm_bindgen_test]
async fn the_banner_shows_current_and_planned_notices() {
    let w = Widget::mount("notices", acme(&fresh("notices"), "en"));
    w.until("the notices", |w| w.find(".pc-notices li").is_some())
        .await;
    assert_eq!(w.text(".pc-notices h3"), "Service notices");
    let now = ".pc-notice-item.pc-current";
    assert_eq!(
        w.text(&format!("{now} .pc-notice-title")),
        "Outgoing mail is delayed"
    );
    assert_eq!(w.text(&format!("{now} .pc-badge")), "Incident");
    assert_eq!(w.texts(&format!("{now} .pc-item-meta span"))[1], "Now");
    // Its latest update, as the agents posted it.
    assert!(
        w.text(&format!("{now} .pc-muted"))
            .contains("The cause is found: a blocklisted relay.")
    );
    let planned = ".pc-notice-item:not(.pc-current)";
    assert_eq!(
        w.text(&format!("{planned} .pc-notice-title")),
        "Kernel update on web-07"
    );
    assert_eq!(w.text(&format!("{planned} .pc-badge")), "Maintenance");
    let when = &w.texts(&format!("{planned} .pc-item-meta span"))[1];
    assert!(when.starts_with("Planned · "), "{when}");
    // Date and minutes, no seconds: "Dec 2, 2026, 2:00 AM".
    let clock = when.rsplit(", ").next().unwrap_or_default();
    assert_eq!(clock.matches(':').count(), 1, "{when}");
    // The update reads as text first, then how long ago.
    assert!(
        w.text(&format!("{now} .pc-muted"))
            .starts_with("The cause is found")
    );
    // A banner, not a card.
    assert!(w.find(".pc-powered").is_none());
}

#[wasm_bindgen_test]
async fn the_banner_draws_nothing_when_nothing_is_announced() {
    // The reseller BlueFox has no notices in the demo.
    let before = answered("GET /api/v1/notices");
    let w = Widget::mount("notices", bluefox(&fresh("quiet"), "en"));
    w.until_answered("GET /api/v1/notices", before + 1).await;
    let root = w.get(".pc-root");
    let body = w.get(".pc-body");
    assert_eq!(body.child_element_count(), 0, "{}", root.outer_html());
    assert_eq!(root.text_content().unwrap_or_default(), "");
    // No box either: the root is not drawn.
    let style = gloo::utils::window()
        .get_computed_style(&root)
        .unwrap()
        .unwrap();
    assert_eq!(style.get_property_value("display").unwrap(), "none");
}

#[wasm_bindgen_test]
async fn russian_promises_use_russian_plural_forms() {
    let w = Widget::tickets(acme(&fresh("ru-plural"), "ru_RU"));
    w.open_form().await;
    assert_eq!(w.text(".pc-new-ticket h3"), "Новое обращение");
    // One, few and many: 1 час, 4 часа, 12 часов.
    let mut promised = Vec::new();
    for priority in ["critical", "high", "normal"] {
        w.choose("#pc-t-priority", priority);
        w.settle().await;
        promised.push(w.text("#pc-t-promise"));
    }
    assert_eq!(
        promised,
        [
            "Срок первого ответа: 1 час",
            "Срок первого ответа: 4 часа",
            "Срок первого ответа: 12 часов",
        ]
    );
    w.click(".pc-new-ticket .pc-link");
    w.settle().await;
    w.open_ticket(
        "high",
        "Почта не уходит",
        "Письма возвращаются с ошибкой 550.",
    )
    .await;
    assert_eq!(w.text(".pc-thread .pc-badge"), "Открыто");
    assert_eq!(w.text(".pc-thread .pc-promise"), "Ответим через 4 часа");
}

#[wasm_bindgen_test]
async fn a_half_written_ticket_survives_a_remount_and_is_gone_once_opened() {
    let account = fresh("draft");
    let w = Widget::tickets(acme(&account, "en"));
    w.open_form().await;
    w.choose("#pc-t-priority", "high");
    w.settle().await;
    w.type_into("#pc-t-subject", "Cron job runs twice a night");
    w.settle().await;
    w.type_into(
        "#pc-t-message",
        "Both runs start at 02:00 and fight over the lock.",
    );
    w.settle().await;
    w.attach(
        "#pc-t-files",
        "cron.log",
        "02:00:00 start\n02:00:00 start\n",
    );
    w.until("the uploaded file", |w| {
        w.has_text(".pc-new-ticket .pc-files li span", "cron.log")
    })
    .await;
    assert!(stored(&account, "ticket-draft").is_some());
    drop(w);

    // As after a reload: the form is back where the customer left it, without asking.
    let w = Widget::tickets(acme(&account, "en"));
    w.until("the restored form", |w| w.find(".pc-new-ticket").is_some())
        .await;
    assert_eq!(w.value("#pc-t-priority"), "high");
    assert_eq!(w.text("#pc-t-promise"), "First answer within 4 hours");
    assert_eq!(w.value("#pc-t-subject"), "Cron job runs twice a night");
    assert_eq!(
        w.value("#pc-t-message"),
        "Both runs start at 02:00 and fight over the lock."
    );
    assert_eq!(w.texts(".pc-new-ticket .pc-files li span"), ["cron.log"]);

    w.click(".pc-new-ticket button[type=submit]");
    w.until_thread("Cron job runs twice a night").await;
    // The file uploaded before the remount went with the ticket.
    assert_eq!(w.texts(".pc-msg-mine .pc-files a"), ["cron.log"]);
    assert_eq!(stored(&account, "ticket-draft"), None);
    drop(w);

    // Opened, so nothing comes back: the list, and an empty form when asked for one.
    let w = Widget::tickets(acme(&account, "en"));
    w.until("the list", |w| w.find(".pc-tickets .pc-item").is_some())
        .await;
    assert!(w.find(".pc-new-ticket").is_none());
    w.open_form().await;
    assert_eq!(w.value("#pc-t-subject"), "");
    assert_eq!(w.value("#pc-t-message"), "");
    assert_eq!(w.value("#pc-t-priority"), "normal");
    assert!(w.find(".pc-new-ticket .pc-files").is_none());
}

#[wasm_bindgen_test]
async fn a_ticket_whose_answer_was_lost_is_opened_once_after_a_remount() {
    let account = fresh("lost");
    let subject = "Webmail login loops back to the form";
    let w = Widget::tickets(acme(&account, "en"));
    w.open_form().await;
    w.type_into("#pc-t-subject", subject);
    w.settle().await;
    w.type_into(
        "#pc-t-message",
        "After the password it asks for the password again.",
    );
    w.settle().await;
    let posts = sent("POST /api/v1/tickets");
    // The server opens the ticket; the answer never arrives.
    lose_next_answer("POST /api/v1/tickets");
    w.click(".pc-new-ticket button[type=submit]");
    w.until("the failure", |w| {
        w.find(".pc-new-ticket .pc-notice.pc-error").is_some()
    })
    .await;
    drop(w);

    let w = Widget::tickets(acme(&account, "en"));
    w.until("the restored form", |w| w.find(".pc-new-ticket").is_some())
        .await;
    assert_eq!(w.value("#pc-t-subject"), subject);
    w.click(".pc-new-ticket button[type=submit]");
    w.until("the thread", |w| w.find("#pc-thread-title").is_some())
        .await;
    assert_eq!(sent("POST /api/v1/tickets"), posts + 2, "sent twice");
    w.click(".pc-thread > .pc-link");
    w.until("the list", |w| w.find(".pc-tickets .pc-item").is_some())
        .await;
    // The same idempotency key both times: one ticket.
    assert_eq!(w.texts(".pc-tickets .pc-subject"), [subject]);
}

#[wasm_bindgen_test]
async fn a_half_written_reply_survives_a_remount_on_its_own_ticket() {
    let account = fresh("reply-draft");
    let (first, second) = (
        "Backups fail on the first site",
        "DNS zone shows old records",
    );
    let w = Widget::tickets(acme(&account, "en"));
    w.open_ticket("normal", first, "The backup job reports a timeout.")
        .await;
    w.type_into("#pc-reply", "It timed out again tonight.");
    w.settle().await;
    w.click(".pc-thread > .pc-link");
    w.open_ticket(
        "normal",
        second,
        "The A record still points to the old server.",
    )
    .await;
    assert_eq!(
        w.value("#pc-reply"),
        "",
        "the first ticket's reply stays there"
    );
    w.type_into("#pc-reply", "The MX record too.");
    w.settle().await;
    drop(w);

    let w = Widget::tickets(acme(&account, "en"));
    w.until("both tickets", |w| {
        w.texts(".pc-tickets .pc-item").len() == 2
    })
    .await;
    w.open_listed(first).await;
    assert_eq!(w.value("#pc-reply"), "It timed out again tonight.");
    // The server stores the reply; the answer never arrives.
    lose_next_answer("POST /api/v1/tickets/*/replies");
    w.click(".pc-reply button[type=submit]");
    w.until("the failure", |w| {
        w.find(".pc-thread .pc-notice.pc-error").is_some()
    })
    .await;
    drop(w);

    let w = Widget::tickets(acme(&account, "en"));
    w.open_listed(first).await;
    assert_eq!(w.value("#pc-reply"), "It timed out again tonight.");
    w.click(".pc-reply button[type=submit]");
    w.until("the reply sent again", |w| {
        w.find(".pc-thread .pc-notice.pc-error").is_none() && w.value("#pc-reply").is_empty()
    })
    .await;
    // Sent twice with the same key: in the thread once.
    assert_eq!(
        w.texts(".pc-msg-mine .pc-message"),
        [
            "The backup job reports a timeout.",
            "It timed out again tonight."
        ]
    );
    w.click(".pc-thread > .pc-link");
    w.settle().await;
    w.open_listed(second).await;
    assert_eq!(w.value("#pc-reply"), "The MX record too.");
    drop(w);

    // The sent reply is forgotten; the unsent one is still kept.
    let w = Widget::tickets(acme(&account, "en"));
    w.open_listed(first).await;
    assert_eq!(w.value("#pc-reply"), "");
    w.click(".pc-thread > .pc-link");
    w.settle().await;
    w.open_listed(second).await;
    assert_eq!(w.value("#pc-reply"), "The MX record too.");
}

#[wasm_bindgen_test]
async fn moving_between_list_form_and_thread_keeps_focus_in_the_panel() {
    let w = Widget::tickets(acme(&fresh("focus"), "en"));
    w.until("the empty list", |w| {
        w.has_text(".pc-tickets-panel > .pc-muted", "You have no tickets yet.")
    })
    .await;
    // Nothing is taken from the page while the widget loads.
    assert!(!w.focused(".pc-tickets-panel"));
    w.open_ticket("normal", "Focus check", "Where does the keyboard go?")
        .await;
    // The button pressed is gone; focus is at the top of the panel, the next Tab inside it.
    w.until("focus on .pc-tickets-panel", |w| {
        w.focused(".pc-tickets-panel")
    })
    .await;
    w.focus(".pc-thread > .pc-link");
    w.until("focus on .pc-thread > .pc-link", |w| {
        w.focused(".pc-thread > .pc-link")
    })
    .await;
    w.click(".pc-thread > .pc-link");
    w.settle().await;
    w.until("focus on .pc-tickets-panel", |w| {
        w.focused(".pc-tickets-panel")
    })
    .await;
}
