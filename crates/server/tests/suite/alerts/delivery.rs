//! Low ratings reach agents at once: a suggestion rated 1–2 and a resolved ticket rated 1–2
//! are queued (once, in the rating's transaction) for the addresses the tenant chose for low
//! ratings and for its webhook, and delivered to a real SMTP server and webhook receiver with
//! the signature and delivery id. A 3, or a rating before the ticket is resolved, raises
//! nothing; a reseller's low rating never reaches the provider's addresses.

use super::steps::*;
use crate::common::{outbox::*, *};
use panelcare_model::console::Role;
use panelcare_server::{db::Engine, notify, outbound};
use serde_json::{Value, json};

const SECRET: &str = "whsec-alerts-0123456789";

#[tokio::test]
async fn low_ratings_go_to_their_addresses_and_the_signed_webhook_once() {
    let smtp = SmtpSink::start();
    let app = TestApp::new_with(|c| c.smtp_url = format!("smtp://127.0.0.1:{}", smtp.port)).await;
    let (url, seen) = webhook_receiver(0).await;
    let ada = console(&app, "acme", "ada", Role::ProviderAdmin).await;
    let andrej = console(&app, "acme", "andrej", Role::Agent).await;
    save_settings(
        &app,
        &ada,
        "acme",
        json!({"emails": ["desk@acme.test"],
        "low_rating_emails": ["boss@acme.test", "Boss@acme.test", "desk@acme.test"],
        "webhook_url": url, "webhook_secret": SECRET,
        "webhook_events": ["ticket.created", "feedback.created", "feedback.low_rating",
                           "ticket.low_rating"]}),
    )
    .await;

    // A 1-rated suggestion, sent twice with one key: queued once. A 3 only announces itself.
    let (s, low) = suggest(&app, "acme", "alice", "fb-low-1", 1).await;
    assert_eq!(s, 201, "{low}");
    assert_eq!(suggest(&app, "acme", "alice", "fb-low-1", 1).await.0, 201);
    assert_eq!(suggest(&app, "acme", "alice", "fb-three", 3).await.0, 201);
    assert_eq!(
        queued(&app).await,
        [
            row("acme", "webhook", &url, "feedback.created"),
            row("acme", "webhook", &url, "feedback.created"),
            row("acme", "email", "boss@acme.test", "feedback.low_rating"),
            row("acme", "email", "desk@acme.test", "feedback.low_rating"),
            row("acme", "webhook", &url, "feedback.low_rating"),
        ],
        "every suggestion to the webhook; the low one also by mail, to each address once"
    );
    let fb = low["id"].as_str().expect("id");
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM notifications WHERE feedback_id = '{fb}'")
        )
        .await,
        4,
        "each row names its suggestion, so erasing the customer deletes it"
    );

    // A ticket: rating before it is resolved is refused and raises nothing.
    let ticket = open_ticket(&app, "acme", "alice", "t-1").await;
    let before = queued(&app).await.len();
    let (s, b) = rate(&app, "acme", "alice", &ticket, 1).await;
    assert_eq!((s, code(&b)), (409, "not_ratable"), "{b}");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM notifications WHERE event = 'ticket.low_rating'"
        )
        .await,
        0
    );
    agent_reply(&app, &andrej, &ticket, true).await;
    let (s, b) = rate(&app, "acme", "alice", &ticket, 2).await;
    assert_eq!(s, 200, "{b}");
    let after: Vec<_> = queued(&app).await;
    assert!(after.len() > before);
    let low_rows: Vec<_> = after
        .iter()
        .filter(|r| r.3 == "ticket.low_rating")
        .cloned()
        .collect();
    assert_eq!(
        low_rows,
        [
            row("acme", "email", "boss@acme.test", "ticket.low_rating"),
            row("acme", "email", "desk@acme.test", "ticket.low_rating"),
            row("acme", "webhook", &url, "ticket.low_rating"),
        ]
    );
    // Rated once only: a second rating is refused and queues nothing more.
    assert_eq!(rate(&app, "acme", "alice", &ticket, 1).await.0, 409);
    let good = open_ticket(&app, "acme", "alice", "t-2").await;
    agent_reply(&app, &andrej, &good, true).await;
    assert_eq!(rate(&app, "acme", "alice", &good, 4).await.0, 200);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM notifications WHERE event = 'ticket.low_rating'"
        )
        .await,
        3,
        "a 4 alerts nobody"
    );

    // Delivered: mails to the low-rating addresses, webhooks signed, each with its id.
    while notify::deliver_due(&app.state).await.expect("deliver") > 0 {}
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM notifications WHERE delivered_at IS NULL"
        )
        .await,
        0
    );
    let mails = smtp.messages();
    let boss: Vec<String> = mails
        .iter()
        .filter(|m| m.contains("To: boss@acme.test"))
        .map(|m| unfolded(m))
        .collect();
    assert_eq!(boss.len(), 2, "a suggestion and a ticket");
    let on_fb = boss
        .iter()
        .find(|m| m.contains("suggestion"))
        .expect("suggestion mail");
    assert!(
        on_fb.contains("Subject: [Acme Hosting] Low rating 1/5 from alice name"),
        "{on_fb}"
    );
    assert!(on_fb.contains("The panel is slow (fb-low-1)."), "{on_fb}");
    assert!(
        on_fb.contains(&format!("http://panelcare.test/console/feedback/{fb}")),
        "{on_fb}"
    );
    let on_ticket = boss
        .iter()
        .find(|m| m.contains("ticket #"))
        .expect("ticket mail");
    assert!(
        on_ticket.contains("Subject: [Acme Hosting] Low rating 2/5 on ticket #1001: Mail bounces"),
        "{on_ticket}"
    );
    assert!(
        on_ticket.contains("Comment: Took three days."),
        "{on_ticket}"
    );
    assert!(on_ticket.contains(&format!("http://panelcare.test/console/tickets/{ticket}")));

    let hooks = seen.lock().expect("lock").clone();
    let ids: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, event FROM notifications WHERE channel = 'webhook' ORDER BY id")
            .fetch_all(&app.state.db.pool)
            .await
            .expect("ids");
    let mut got: Vec<(i64, String)> = Vec::new();
    for (headers, body) in &hooks {
        let ts: i64 = headers["x-panelcare-timestamp"]
            .to_str()
            .expect("ascii")
            .parse()
            .expect("n");
        assert_eq!(
            headers["x-panelcare-signature"].to_str().expect("ascii"),
            outbound::signature(SECRET, ts, body),
            "signed"
        );
        let id: i64 = headers["x-panelcare-delivery"]
            .to_str()
            .expect("ascii")
            .parse()
            .expect("id");
        let event = headers["x-panelcare-event"]
            .to_str()
            .expect("ascii")
            .to_owned();
        let payload: Value = serde_json::from_str(body).expect("json");
        assert_eq!(payload["event"], event.as_str());
        got.push((id, event));
    }
    got.sort();
    let hooked: Vec<_> = ids
        .into_iter()
        .filter(|(_, e)| e != "ticket.created")
        .collect();
    let got: Vec<_> = got
        .into_iter()
        .filter(|(_, e)| e != "ticket.created")
        .collect();
    assert_eq!(got, hooked, "one delivery each, under its own id");
    let body_of = |event: &str| -> Value {
        let (_, b) = hooks
            .iter()
            .find(|(h, _)| h["x-panelcare-event"] == event)
            .expect("delivered");
        serde_json::from_str(b).expect("json")
    };
    let low_fb = body_of("feedback.low_rating");
    assert_eq!(low_fb["tenant_id"], "acme");
    assert_eq!(low_fb["feedback"]["id"], fb);
    assert_eq!(low_fb["feedback"]["rating"], 1);
    assert_eq!(low_fb["feedback"]["customer"], "alice name");
    assert_eq!(
        low_fb["feedback"]["message"],
        "The panel is slow (fb-low-1)."
    );
    assert_eq!(
        low_fb["feedback"]["url"],
        format!("http://panelcare.test/console/feedback/{fb}")
    );
    let low_t = body_of("ticket.low_rating");
    assert_eq!(
        (
            &low_t["ticket"]["id"],
            &low_t["ticket"]["number"],
            &low_t["ticket"]["rating"]
        ),
        (&json!(ticket), &json!(1001), &json!(2))
    );
    assert_eq!(low_t["ticket"]["rating_comment"], "Took three days.");
    assert_eq!(low_t["ticket"]["status"], "resolved");
}

#[tokio::test]
async fn the_webhook_gets_only_the_events_chosen_and_a_reseller_tells_only_its_own() {
    let smtp = SmtpSink::start();
    let app = TestApp::new_with(|c| c.smtp_url = format!("smtp://127.0.0.1:{}", smtp.port)).await;
    let (url, seen) = webhook_receiver(0).await;
    let ada = console(&app, "acme", "ada", Role::ProviderAdmin).await;
    let bea = console(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    save_settings(
        &app,
        &ada,
        "acme",
        json!({"emails": ["desk@acme.test"],
        "low_rating_emails": ["boss@acme.test"], "webhook_url": url, "webhook_secret": SECRET,
        "webhook_events": ["ticket.created"]}),
    )
    .await;
    save_settings(
        &app,
        &bea,
        "bluefox",
        json!({"low_rating_emails": ["care@bluefox.test"],
        "alert_language": "sr-Latn"}),
    )
    .await;
    // Bea never sees the provider's settings; the provider's admin sees hers.
    let (s, _) = console_get(&app, &bea, "/console/api/tenants/acme/notifications").await;
    assert_eq!(s, 404);
    let (s, theirs) = console_get(&app, &ada, "/console/api/tenants/bluefox/notifications").await;
    assert_eq!((s, &theirs["alert_language"]), (200, &json!("sr-Latn")));
    assert_eq!(
        theirs["webhook_events"].as_array().map(Vec::len),
        Some(5),
        "all but each suggestion, by default"
    );

    assert_eq!(suggest(&app, "bluefox", "milica", "fb-m-1", 1).await.0, 201);
    assert_eq!(suggest(&app, "acme", "alice", "fb-a-1", 2).await.0, 201);
    assert_eq!(
        queued(&app).await,
        [
            row("acme", "email", "boss@acme.test", "feedback.low_rating"),
            row(
                "bluefox",
                "email",
                "care@bluefox.test",
                "feedback.low_rating"
            ),
        ],
        "acme's webhook takes ticket.created only; BlueFox's alert goes to BlueFox alone"
    );
    while notify::deliver_due(&app.state).await.expect("deliver") > 0 {}
    let mails = smtp.messages();
    let care = mail_to(&mails, "care@bluefox.test").expect("BlueFox's mail");
    assert!(
        care.contains("Subject: [BlueFox Web] Niska ocena 1/5 od korisnika milica name"),
        "in the language BlueFox chose: {care}"
    );
    assert!(
        mails
            .iter()
            .all(|m| !m.contains("To: boss@acme.test") || !m.contains("BlueFox"))
    );
    assert!(
        seen.lock().expect("lock").is_empty(),
        "no event the webhook takes"
    );

    // Refused choices name their field.
    let path = "/console/api/tenants/acme/notifications";
    for (body, field) in [
        (
            json!({"webhook_events": ["ticket.test"]}),
            "webhook_events.0",
        ),
        (
            json!({"webhook_events": ["ticket.created", "idea.voted"]}),
            "webhook_events.1",
        ),
        (
            json!({"low_rating_emails": ["not mail"]}),
            "low_rating_emails.0",
        ),
        (json!({"alert_language": "de"}), "alert_language"),
    ] {
        let (s, b, _) = app.send(ada.req("PUT", path, Some(body.clone()))).await;
        assert_eq!(
            (s.as_u16(), fields(&b)[0].0.as_str()),
            (422, field),
            "{body}"
        );
    }
}

/// Makes every insert into `table` fail, as a full disk or a lost connection would, so the
/// change that writes it rolls back.
async fn refuse_inserts(app: &TestApp, table: &str) {
    let statements = match app.state.db.engine() {
        Engine::Sqlite => vec![format!(
            "CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} \
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
        )],
        Engine::Postgres => vec![
            "CREATE FUNCTION refuse_insert() RETURNS trigger AS $$ BEGIN \
             RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql"
                .to_owned(),
            format!(
                "CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} \
                 FOR EACH ROW EXECUTE FUNCTION refuse_insert()"
            ),
        ],
    };
    for sql in statements {
        sqlx::query(&sql)
            .execute(&app.state.db.pool)
            .await
            .expect("trigger");
    }
}

async fn allow_inserts(app: &TestApp, table: &str) {
    let sql = match app.state.db.engine() {
        Engine::Sqlite => format!("DROP TRIGGER refuse_{table}"),
        Engine::Postgres => format!("DROP TRIGGER refuse_{table} ON {table}"),
    };
    sqlx::query(&sql)
        .execute(&app.state.db.pool)
        .await
        .expect("drop trigger");
}

#[tokio::test]
async fn a_rating_that_rolls_back_queues_nothing() {
    let app = TestApp::new().await;
    let ada = console(&app, "acme", "ada", Role::ProviderAdmin).await;
    let andrej = console(&app, "acme", "andrej", Role::Agent).await;
    save_settings(
        &app,
        &ada,
        "acme",
        json!({"emails": ["desk@acme.test"],
        "webhook_url": "https://hooks.example/x", "webhook_secret": SECRET}),
    )
    .await;
    let ticket = open_ticket(&app, "acme", "alice", "t-1").await;
    agent_reply(&app, &andrej, &ticket, true).await;
    let before = queued(&app).await;

    // The alert is written last of the rating's rows: when it fails, the suggestion, its
    // notifications (queued before it), the ticket's rating and theirs all roll back.
    refuse_inserts(&app, "low_rating_alerts").await;
    let (s, _) = suggest(&app, "acme", "alice", "fb-low-1", 1).await;
    assert_eq!(s, 500);
    let (s, _) = rate(&app, "acme", "alice", &ticket, 1).await;
    assert_eq!(s, 500);
    assert_eq!(queued(&app).await, before, "nothing queued");
    assert_eq!(app.feedback_rows().await, 0);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM tickets WHERE rating IS NOT NULL"
        )
        .await,
        0
    );

    // Sent again once the database takes it: stored and queued exactly once.
    allow_inserts(&app, "low_rating_alerts").await;
    assert_eq!(suggest(&app, "acme", "alice", "fb-low-1", 1).await.0, 201);
    assert_eq!(rate(&app, "acme", "alice", &ticket, 1).await.0, 200);
    let new: Vec<_> = queued(&app)
        .await
        .into_iter()
        .filter(|r| !before.contains(r))
        .collect();
    let hook = "https://hooks.example/x";
    assert_eq!(
        new,
        [
            row("acme", "email", "desk@acme.test", "feedback.low_rating"),
            row("acme", "webhook", hook, "feedback.low_rating"),
            row("acme", "email", "desk@acme.test", "ticket.low_rating"),
            row("acme", "webhook", hook, "ticket.low_rating"),
        ],
        "low ratings go to the ticket addresses when none are set for them; each suggestion \
         goes to no webhook that did not choose it"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM low_rating_alerts").await,
        2
    );
}

#[tokio::test]
async fn erasing_the_customer_deletes_what_was_queued_about_their_suggestion() {
    let app = TestApp::new().await;
    let ada = console(&app, "acme", "ada", Role::ProviderAdmin).await;
    save_settings(
        &app,
        &ada,
        "acme",
        json!({"low_rating_emails": ["boss@acme.test"],
        "webhook_url": "https://hooks.example/x", "webhook_secret": SECRET}),
    )
    .await;
    assert_eq!(suggest(&app, "acme", "alice", "fb-1", 1).await.0, 201);
    assert_eq!(suggest(&app, "acme", "bob", "fb-2", 1).await.0, 201);
    let about = "SELECT COUNT(*) FROM notifications n JOIN feedback f ON f.id = n.feedback_id \
                 WHERE f.account_id = 'bob'";
    assert_eq!(count(&app, about).await, 2);
    let quoting = "SELECT COUNT(*) FROM notifications WHERE body LIKE '%fb-1%'";
    assert_eq!(
        count(&app, quoting).await,
        2,
        "the mail and the webhook call"
    );
    let path = "/console/api/tenants/acme/customers/alice/erase";
    let (s, b, _) = app
        .send(ada.req("POST", path, Some(json!({"confirm": "alice"}))))
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        count(&app, quoting).await,
        0,
        "nothing quoting Alice's message is left to send"
    );
    assert_eq!(count(&app, about).await, 2, "Bob's stay");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM low_rating_alerts").await,
        2,
        "the alerts hold no text: they stay for the numbers"
    );
}
