//! The WHMCS ticket bridge end to end: the real server, listening, delivers to the real
//! addon (PHP, under `php -S`) on a stand-in for WHMCS (tests/fixtures/whmcs/harness: its
//! localAPI answers as WHMCS documents and fires WHMCS's ticket hooks), and the addon's hooks
//! and cron job call the server back. Plus every way a bridge call can be wrong.

use std::{
    net::TcpStream,
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::Duration,
};

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use panelcare_server::{bridge, outbound::signature, time::now_secs};
use serde_json::{Value, json};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// The addon installed in a WHMCS stand-in, served by `php -S`.
struct Whmcs {
    dir: tempfile::TempDir,
    db: PathBuf,
    url: String,
    child: Child,
}

impl Whmcs {
    /// The addon configured for tenant acme (key k1) against the panelcare at `server`.
    fn start(server: &str) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let whmcs_root = dir.path();
        let copied = Command::new("cp")
            .arg("-rL")
            .arg(root().join("integrations/whmcs/modules"))
            .arg(whmcs_root)
            .status()
            .expect("cp");
        assert!(copied.success());
        let harness = root().join("tests/fixtures/whmcs/harness");
        for f in ["init.php", "index.php", "fire.php"] {
            std::fs::copy(harness.join(f), whmcs_root.join(f)).expect("copy");
        }
        let db = whmcs_root.join("whmcs.sqlite");
        let settings = [
            ("server", server),
            ("tenant", "acme"),
            ("kid", "k1"),
            ("secret", ACME_SECRET),
            ("lifetime", "600"),
            ("bridge", "on"),
            ("dept_technical", "2"),
            ("dept_billing", "3"),
            ("bridge_admin", "panelcare"),
            (
                "plans",
                "plan:pro = 5\nplan:business-vps = 6 annually\nnot a line",
            ),
        ];
        let mut sql = std::fs::read_to_string(harness.join("schema.sql")).expect("schema");
        for (k, v) in settings {
            sql.push_str(&format!(
                "INSERT INTO tbladdonmodules VALUES ('panelcare', '{k}', '{}');\n",
                v.replace('\'', "''")
            ));
        }
        // The schema is applied and the addon's tables made the way activation makes them.
        let php = Command::new("php")
            .arg("-r")
            .arg(
                "require 'init.php'; WHMCS\\Database\\Capsule::pdo()->exec(file_get_contents('php://stdin')); \
                 PanelcareStore::fromWhmcs()->install();",
            )
            .current_dir(whmcs_root)
            .env("FAKE_WHMCS_DB", &db)
            .stdin(Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write as _;
                c.stdin.take().expect("stdin").write_all(sql.as_bytes())?;
                c.wait()
            })
            .expect("php runs (cargo xtask setup installs php-cli and php-sqlite3)");
        assert!(php.success(), "the WHMCS stand-in was not set up");
        let port = free_port();
        let child = Command::new("php")
            .args(["-S", &format!("127.0.0.1:{port}"), "-t"])
            .arg(whmcs_root)
            .env("FAKE_WHMCS_DB", &db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("php -S");
        for _ in 0..100 {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Self {
            dir,
            db,
            url: format!("http://127.0.0.1:{port}"),
            child,
        }
    }

    fn bridge_url(&self) -> String {
        format!("{}/modules/addons/panelcare/bridge.php", self.url)
    }

    /// Runs a WHMCS hook; returns the activity-log lines it wrote.
    fn hook(&self, name: &str, vars: &Value) -> String {
        let out = Command::new("php")
            .arg(self.dir.path().join("fire.php"))
            .arg(self.dir.path())
            .arg(name)
            .arg(vars.to_string())
            .env("FAKE_WHMCS_DB", &self.db)
            .output()
            .expect("php");
        assert!(
            out.status.success(),
            "{name}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Rows of the stand-in's database as JSON objects.
    fn rows(&self, sql: &str) -> Vec<Value> {
        let out = Command::new("php")
            .arg("-r")
            .arg(
                "$db = new PDO('sqlite:' . getenv('FAKE_WHMCS_DB')); \
                 echo json_encode($db->query($argv[1])->fetchAll(PDO::FETCH_ASSOC));",
            )
            .arg(sql)
            .env("FAKE_WHMCS_DB", &self.db)
            .output()
            .expect("php");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("json")
    }

    fn one(&self, sql: &str) -> Value {
        let mut rows = self.rows(sql);
        assert_eq!(rows.len(), 1, "{sql}: {rows:?}");
        rows.remove(0)
    }

    fn calls(&self, command: &str) -> Vec<Value> {
        self.rows(&format!(
            "SELECT params FROM calls WHERE command = '{command}' ORDER BY id"
        ))
        .into_iter()
        .map(|r| serde_json::from_str(r["params"].as_str().expect("params")).expect("json"))
        .collect()
    }
}

impl Drop for Whmcs {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The app, listening (the addon calls it back), with whole file addresses.
async fn listening() -> (TestApp, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let public = url.clone();
    let app = TestApp::new_with(move |c| c.public_url = public).await;
    let router = app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
    (app, url)
}

fn customer(
    method: &str,
    path: &str,
    token: &str,
    key: Option<&str>,
    body: Value,
) -> Request<Body> {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json");
    if let Some(key) = key {
        req = req.header("idempotency-key", key);
    }
    req.body(Body::from(body.to_string())).expect("request")
}

async fn deliver(app: &TestApp) -> usize {
    bridge::deliver_due(&app.state).await.expect("deliver")
}

/// The customer's view of a ticket's thread.
async fn thread(app: &TestApp, id: &str) -> Value {
    let (s, t, _) = app
        .send(get(
            &format!("/api/v1/tickets/{id}"),
            &token("acme", "client-42"),
        ))
        .await;
    assert_eq!(s, 200, "{t}");
    t
}

/// An agent writes on ticket `id` in the console (`kind`: reply, progress or note).
async fn agent_writes(app: &TestApp, agent: &Who, id: &str, kind: &str, text: &str) {
    let body = json!({"kind": kind, "message": text});
    let (s, b, _) = app
        .send(agent.req(
            "POST",
            &format!("/console/api/tickets/{id}/messages"),
            Some(body),
        ))
        .await;
    assert_eq!(s, 201, "{b}");
}

async fn bridge_on(app: &TestApp, admin: &Who, url: &str) {
    let (s, b, _) = app
        .send(admin.req(
            "PUT",
            "/console/api/tenants/acme/ticket-bridge",
            Some(json!({"url": url, "key_id": "k1"})),
        ))
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["settings"]["url"], url);
}

// The addon calls the server back while the test waits for PHP: two threads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_widget_ticket_lives_in_whmcs_and_answers_written_there_come_back() {
    let (app, server) = listening().await;
    let whmcs = Whmcs::start(&server);
    let admin = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    bridge_on(&app, &admin, &whmcs.bridge_url()).await;
    let alice = token("acme", "client-42");

    // Opened in the widget, with a file.
    let (s, file, _) = app
        .send(
            Request::post("/api/v1/attachments?name=error.log")
                .header("authorization", format!("Bearer {alice}"))
                .header("content-type", "application/octet-stream")
                .body(Body::from("PHP Fatal error on line 12\n"))
                .expect("request"),
        )
        .await;
    assert_eq!(s, 201, "{file}");
    let (s, opened, _) = app
        .send(customer(
            "POST",
            "/api/v1/tickets",
            &alice,
            Some("bridge-0001"),
            json!({"department": "technical", "priority": "critical", "subject": "Site down",
                   "message": "Every page answers 503.", "attachments": [file["id"]]}),
        ))
        .await;
    assert_eq!(s, 201, "{opened}");
    let id = opened["ticket"]["id"].as_str().expect("id").to_owned();
    assert_eq!(deliver(&app).await, 1);
    let t = whmcs.one("SELECT * FROM tbltickets");
    assert_eq!(t["userid"], 42, "the WHMCS client behind account client-42");
    assert_eq!(t["did"], 2);
    assert_eq!(
        t["urgency"], "High",
        "critical has no WHMCS priority above High"
    );
    assert_eq!(t["subject"], "Site down");
    assert_eq!(t["message"], "Every page answers 503.");
    assert_eq!(
        t["attachment"], "error.log:27",
        "the file itself was copied"
    );
    let whmcs_id = t["id"].as_i64().expect("id");
    let tid = t["tid"].as_str().expect("tid").to_owned();
    // The agent sees WHMCS's number for it; the customer's view has no such field.
    let (_, agent_view, _) = app
        .send(admin.req("GET", &format!("/console/api/tickets/{id}"), None))
        .await;
    assert_eq!(agent_view["item"]["external_ref"], format!("#{tid}"));
    assert!(
        thread(&app, &id).await["ticket"]
            .get("external_ref")
            .is_none()
    );

    // The customer writes again in the widget: a client reply in WHMCS, not echoed back.
    let (s, _, _) = app
        .send(customer(
            "POST",
            &format!("/api/v1/tickets/{id}/replies"),
            &alice,
            Some("bridge-0002"),
            json!({"message": "Still down."}),
        ))
        .await;
    assert_eq!(s, 201);
    assert_eq!(deliver(&app).await, 1);
    let replies = whmcs.rows("SELECT * FROM tblticketreplies ORDER BY id");
    assert_eq!(replies.len(), 1);
    assert_eq!(
        (replies[0]["userid"].clone(), replies[0]["admin"].clone()),
        (json!(42), json!(""))
    );
    let customer_messages = |t: &Value| {
        t["messages"]
            .as_array()
            .expect("messages")
            .iter()
            .filter(|m| m["kind"] == "customer")
            .count()
    };
    assert_eq!(customer_messages(&thread(&app, &id).await), 2);

    // A progress update is written in WHMCS without moving either ticket: the cron job that
    // compares the two afterwards finds nothing to change.
    agent_writes(&app, &admin, &id, "progress", "Checking the mail queue.").await;
    assert_eq!(deliver(&app).await, 1);
    assert_eq!(
        whmcs.one("SELECT status FROM tbltickets")["status"],
        "Open",
        "still with support, as in panelcare"
    );
    whmcs.hook("AfterCronJob", &json!({}));
    assert_eq!(thread(&app, &id).await["ticket"]["status"], "open");

    // An internal note stays in panelcare; a console answer arrives under the bridge admin.
    agent_writes(&app, &admin, &id, "note", "Customer is on the old PHP.").await;
    assert_eq!(deliver(&app).await, 0, "notes are never sent");
    agent_writes(&app, &admin, &id, "reply", "Looking at it now.").await;
    assert_eq!(deliver(&app).await, 2, "the answer, then its status");
    let replies = whmcs.rows("SELECT * FROM tblticketreplies ORDER BY id");
    assert_eq!(replies.len(), 3);
    assert_eq!(replies[2]["admin"], "Console Answers");
    assert!(
        replies[2]["message"]
            .as_str()
            .expect("text")
            .starts_with("Looking at it now.")
    );
    assert!(
        !whmcs
            .rows("SELECT message FROM tblticketreplies")
            .iter()
            .any(|r| r["message"].as_str().is_some_and(|m| m.contains("old PHP"))),
        "the note reached WHMCS"
    );
    assert_eq!(
        whmcs.one("SELECT status FROM tbltickets")["status"],
        "Answered"
    );

    // Staff answer in WHMCS: the hook takes it to the widget, under their name, once.
    let reply_id = whmcs.rows("SELECT MAX(id) + 1 AS n FROM tblticketreplies")[0]["n"].clone();
    whmcs.rows(&format!(
        "INSERT INTO tblticketreplies (id, tid, userid, admin, message, attachment) \
         VALUES ({reply_id}, {whmcs_id}, 0, 'Dana Admin', 'Restarted PHP-FPM; it is back.', '') RETURNING id"
    ));
    let vars = json!({"ticketid": whmcs_id, "replyid": reply_id, "admin": "Dana Admin",
                      "message": "Restarted PHP-FPM; it is back.", "status": "Answered"});
    assert_eq!(whmcs.hook("TicketAdminReply", &vars), "");
    assert_eq!(whmcs.hook("TicketAdminReply", &vars), "", "a repeated hook");
    let t = thread(&app, &id).await;
    let from_dana: Vec<&Value> = t["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .filter(|m| m["author"] == "Dana Admin")
        .collect();
    assert_eq!(from_dana.len(), 1, "{t}");
    assert_eq!(from_dana[0]["kind"], "agent");
    assert_eq!(from_dana[0]["body"], "Restarted PHP-FPM; it is back.");
    assert_eq!(t["ticket"]["status"], "awaiting_customer");
    assert_eq!(
        deliver(&app).await,
        0,
        "what came from WHMCS does not go back"
    );

    // A reply no hook reported (panelcare was away) arrives with the cron job, once.
    whmcs.rows(&format!(
        "INSERT INTO tblticketreplies (tid, userid, admin, message, attachment) \
         VALUES ({whmcs_id}, 42, '', 'Thanks, works again!', '') RETURNING id"
    ));
    whmcs.rows(&format!(
        "UPDATE tbltickets SET status = 'Customer-Reply' WHERE id = {whmcs_id} RETURNING id"
    ));
    whmcs.hook("AfterCronJob", &json!({}));
    whmcs.hook("AfterCronJob", &json!({}));
    let t = thread(&app, &id).await;
    assert_eq!(customer_messages(&t), 3, "{t}");
    assert_eq!(t["ticket"]["status"], "awaiting_support");
    assert_eq!(deliver(&app).await, 0);

    // Closed in WHMCS: closed in the widget, and not closed back.
    whmcs.rows(&format!(
        "UPDATE tbltickets SET status = 'Closed' WHERE id = {whmcs_id} RETURNING id"
    ));
    whmcs.hook(
        "TicketStatusChange",
        &json!({"adminid": 2, "status": "Closed", "ticketid": whmcs_id}),
    );
    assert_eq!(thread(&app, &id).await["ticket"]["status"], "closed");
    assert_eq!(deliver(&app).await, 0);
    let updates = whmcs.calls("UpdateTicket");
    assert_eq!(
        updates.len(),
        1,
        "only the console answer's status went out: {updates:?}"
    );

    // The customer reopens in the widget: WHMCS hears of it.
    let (s, _, _) = app
        .send(customer(
            "POST",
            &format!("/api/v1/tickets/{id}/reopen"),
            &alice,
            None,
            json!({}),
        ))
        .await;
    assert_eq!(s, 200);
    assert_eq!(deliver(&app).await, 1);
    assert_eq!(
        whmcs.one("SELECT status FROM tbltickets")["status"],
        "Customer-Reply"
    );

    // The console shows a healthy bridge.
    let (_, state, _) = app
        .send(admin.req("GET", "/console/api/tenants/acme/ticket-bridge", None))
        .await;
    assert_eq!(
        (state["pending"].clone(), state["failed"].clone()),
        (json!(0), json!(0))
    );
    assert!(state["last_delivered_at"].is_string());
}

// The addon calls the server back while the test waits for PHP: two threads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivery_the_addon_cannot_trust_or_apply_is_refused_and_a_retry_is_applied_once() {
    let (app, server) = listening().await;
    let whmcs = Whmcs::start(&server);
    let client = reqwest::Client::new();
    let body = json!({"event": "ticket.created", "delivery": 900, "tenant": "acme",
        "ticket": {"id": "t-1", "number": 1001, "subject": "Hello", "department": "billing",
                   "priority": "low", "status": "open", "account": "client-42"},
        "message": {"id": "m-1", "from": "customer", "author": "", "body": "Invoice twice?",
                    "attachments": []}})
    .to_string();
    let send = |key: &str, secret: &str, ts: i64, body: &str| {
        client
            .post(whmcs.bridge_url())
            .header("x-panelcare-key", key)
            .header("x-panelcare-timestamp", ts.to_string())
            .header("x-panelcare-signature", signature(secret, ts, body))
            .body(body.to_owned())
            .send()
    };
    let now = now_secs();
    for (key, secret, ts, why) in [
        ("k1", BLUEFOX_SECRET, now, "signature"),
        ("k2", ACME_SECRET, now, "another key"),
        ("k1", ACME_SECRET, now - 900, "timestamp"),
    ] {
        let res = send(key, secret, ts, &body).await.expect("send");
        assert_eq!(res.status(), 401, "{why}");
        let answer: Value = res.json().await.expect("json");
        assert!(
            answer["message"].as_str().expect("message").contains(why),
            "{answer}"
        );
    }
    let res = client.get(whmcs.bridge_url()).send().await.expect("get");
    assert_eq!(res.status(), 405);
    assert!(
        whmcs.rows("SELECT id FROM tbltickets").is_empty(),
        "nothing was applied"
    );

    // Signed right: applied once, however often panelcare retries it.
    for _ in 0..2 {
        let res = send("k1", ACME_SECRET, now_secs(), &body)
            .await
            .expect("send");
        assert_eq!(res.status(), 200);
        let answer: Value = res.json().await.expect("json");
        assert!(
            answer["external_ref"]
                .as_str()
                .expect("ref")
                .starts_with('#')
        );
    }
    let t = whmcs.one("SELECT * FROM tbltickets");
    assert_eq!(t["did"], 3, "billing tickets go to the billing department");
    assert_eq!(t["urgency"], "Low");

    // A reply for a ticket this WHMCS does not have (the bridge pointed elsewhere before)
    // opens it here with the customer's words, in the status panelcare has it in.
    let orphan = json!({"event": "ticket.customer_reply", "delivery": 901, "tenant": "acme",
        "ticket": {"id": "t-2", "number": 1002, "subject": "Old one", "department": "technical",
                   "priority": "normal", "status": "awaiting_support", "account": "client-42"},
        "message": {"body": "hello?", "attachments": []}})
    .to_string();
    let res = send("k1", ACME_SECRET, now_secs(), &orphan)
        .await
        .expect("send");
    assert_eq!(res.status(), 200);
    let opened =
        whmcs.one("SELECT subject, message, status FROM tbltickets WHERE subject = 'Old one'");
    assert_eq!(
        (opened["message"].clone(), opened["status"].clone()),
        (json!("hello?"), json!("Customer-Reply"))
    );

    // A retry that arrives while the first copy is still being applied waits its turn.
    whmcs.rows(
        "INSERT INTO mod_panelcare_deliveries (delivery, answer, created_at) VALUES (903, '', 0) RETURNING delivery",
    );
    let busy = body
        .replace("\"delivery\":900", "\"delivery\":903")
        .replace("t-1", "t-4");
    let res = send("k1", ACME_SECRET, now_secs(), &busy)
        .await
        .expect("send");
    assert_eq!(res.status(), 409);
    assert_eq!(
        whmcs.rows("SELECT id FROM tbltickets").len(),
        2,
        "not applied twice"
    );

    // WHMCS refusing (no such department) is a 502 with WHMCS's reason, logged.
    whmcs.rows(
        "UPDATE tbladdonmodules SET value = '99' WHERE setting = 'dept_technical' RETURNING value",
    );
    let refused = body
        .replace("\"delivery\":900", "\"delivery\":902")
        .replace("t-1", "t-3")
        .replace("billing", "technical");
    let res = send("k1", ACME_SECRET, now_secs(), &refused)
        .await
        .expect("send");
    assert_eq!(res.status(), 502);
    let answer: Value = res.json().await.expect("json");
    assert!(
        answer["message"]
            .as_str()
            .expect("message")
            .contains("Department ID not found")
    );
    assert!(
        !whmcs
            .rows("SELECT message FROM activity WHERE message LIKE '%OpenTicket%'")
            .is_empty()
    );

    // Turned off in the addon: 503, so panelcare keeps the events until it is on again.
    whmcs.rows("UPDATE tbladdonmodules SET value = '' WHERE setting = 'bridge' RETURNING value");
    let res = send("k1", ACME_SECRET, now_secs(), &refused)
        .await
        .expect("send");
    assert_eq!(res.status(), 503);
    drop(app);
}

#[tokio::test]
async fn a_ticket_waits_for_its_earlier_event_and_failures_are_shown_and_retried() {
    let app = TestApp::new().await;
    let admin = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let (url, seen) = crate::common::outbox::webhook_receiver(1).await;
    bridge_on(&app, &admin, &url).await;
    let alice = token("acme", "client-42");
    let (_, opened, _) = app
        .send(customer("POST", "/api/v1/tickets", &alice, Some("order-0001"),
            json!({"department": "technical", "priority": "normal", "subject": "Mail", "message": "No mail since noon."})))
        .await;
    let id = opened["ticket"]["id"].as_str().expect("id").to_owned();
    let (s, _, _) = app
        .send(customer(
            "POST",
            &format!("/api/v1/tickets/{id}/replies"),
            &alice,
            Some("order-0002"),
            json!({"message": "Also no webmail."}),
        ))
        .await;
    assert_eq!(s, 201);
    // The creation fails once: the reply must not overtake it.
    assert_eq!(deliver(&app).await, 0);
    assert_eq!(seen.lock().expect("lock").len(), 1);
    let (_, state, _) = app
        .send(admin.req("GET", "/console/api/tenants/acme/ticket-bridge", None))
        .await;
    assert_eq!(state["pending"], 2);
    assert!(
        state["last_error"].as_str().expect("error").contains("500"),
        "{state}"
    );
    sqlx::query("UPDATE bridge_outbox SET next_attempt_at = 0")
        .execute(&app.state.db.pool)
        .await
        .expect("due now");
    assert_eq!(deliver(&app).await, 2);
    let events: Vec<String> = seen
        .lock()
        .expect("lock")
        .iter()
        .map(|(h, body)| {
            let v: Value = serde_json::from_str(body).expect("json");
            assert_eq!(h["x-panelcare-key"], "k1");
            let ts: i64 = h["x-panelcare-timestamp"]
                .to_str()
                .expect("ts")
                .parse()
                .expect("ts");
            assert_eq!(
                h["x-panelcare-signature"],
                signature(ACME_SECRET, ts, body).as_str()
            );
            v["event"].as_str().expect("event").to_owned()
        })
        .collect();
    assert_eq!(
        events,
        ["ticket.created", "ticket.created", "ticket.customer_reply"]
    );

    // Given up after every retry: counted, and sent again on request.
    sqlx::query("UPDATE bridge_outbox SET delivered_at = NULL, failed_at = 1, last_error = 'gone'")
        .execute(&app.state.db.pool)
        .await
        .expect("fail");
    let (s, state, _) = app
        .send(admin.req(
            "POST",
            "/console/api/tenants/acme/ticket-bridge/retry",
            None,
        ))
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        (state["pending"].clone(), state["failed"].clone()),
        (json!(2), json!(0))
    );
    assert_eq!(deliver(&app).await, 2);

    // Turned off: what was waiting is dropped and nothing more is queued.
    let reply = |key: &'static str, ticket: String| {
        customer(
            "POST",
            &format!("/api/v1/tickets/{ticket}/replies"),
            &alice,
            Some(key),
            json!({"message": "Hello?"}),
        )
    };
    let undelivered = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM bridge_outbox WHERE delivered_at IS NULL",
        )
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
    };
    app.send(reply("order-0003", id.clone())).await;
    assert_eq!(undelivered().await, 1);
    let (s, _, _) = app
        .send(admin.req("DELETE", "/console/api/tenants/acme/ticket-bridge", None))
        .await;
    assert_eq!(s, 204);
    assert_eq!(undelivered().await, 0);
    app.send(reply("order-0004", id.clone())).await;
    let (_, opened_meanwhile, _) = app
        .send(customer("POST", "/api/v1/tickets", &alice, Some("order-0005"),
            json!({"department": "sales", "priority": "low", "subject": "Reseller plan", "message": "Do you sell reseller plans?"})))
        .await;
    assert_eq!(undelivered().await, 0);

    // On again: a ticket opened meanwhile is created in the helpdesk before its reply.
    bridge_on(&app, &admin, &url).await;
    let later = opened_meanwhile["ticket"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    app.send(reply("order-0006", later.clone())).await;
    let before = seen.lock().expect("lock").len();
    assert_eq!(deliver(&app).await, 2);
    let sent: Vec<Value> = seen
        .lock()
        .expect("lock")
        .iter()
        .skip(before)
        .map(|(_, body)| serde_json::from_str(body).expect("json"))
        .collect();
    assert_eq!(sent[0]["event"], "ticket.created");
    assert_eq!(sent[0]["message"]["body"], "Do you sell reseller plans?");
    assert_eq!(sent[1]["event"], "ticket.customer_reply");
    assert!(sent.iter().all(|e| e["ticket"]["id"] == later.as_str()));
}

/// A signed host call, as the addon makes it.
fn signed(path: &str, key: &str, secret: &str, ts: i64, body: &Value) -> Request<Body> {
    let body = body.to_string();
    Request::post(path)
        .header("content-type", "application/json")
        .header("x-panelcare-key", key)
        .header("x-panelcare-timestamp", ts.to_string())
        .header("x-panelcare-signature", signature(secret, ts, &body))
        .body(Body::from(body))
        .expect("request")
}

#[tokio::test]
async fn every_wrong_bridge_call_gets_a_clear_answer_and_changes_nothing() {
    let app = TestApp::new().await;
    let admin = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let (_, opened, _) = app
        .send(customer("POST", "/api/v1/tickets", &token("acme", "client-42"), Some("wrong-0001"),
            json!({"department": "technical", "priority": "normal", "subject": "DNS", "message": "Zone missing."})))
        .await;
    let id = opened["ticket"]["id"].as_str().expect("id").to_owned();
    let (_, fox, _) = app
        .send(customer("POST", "/api/v1/tickets", &token("bluefox", "client-42"), Some("wrong-0002"),
            json!({"department": "technical", "priority": "normal", "subject": "Fox", "message": "Fox ticket."})))
        .await;
    let fox_id = fox["ticket"]["id"].as_str().expect("id").to_owned();
    let replies = format!("/api/v1/bridge/tickets/{id}/replies");
    let reply = json!({"tenant": "acme", "external_id": "whmcs-reply-1", "from": "support",
                       "author": "Dana", "message": "Fixed."});
    let now = now_secs();

    // No bridge yet: 404 that says so.
    let (s, b, _) = app
        .send(signed(&replies, "k1", ACME_SECRET, now, &reply))
        .await;
    assert_eq!((s.as_u16(), code(&b)), (404, "not_found"));
    assert!(
        b["error"]["message"]
            .as_str()
            .expect("message")
            .contains("no ticket bridge")
    );
    bridge_on(
        &app,
        &admin,
        "https://billing.acme.example/modules/addons/panelcare/bridge.php",
    )
    .await;

    let unsigned = Request::post(&replies)
        .header("content-type", "application/json")
        .body(Body::from(reply.to_string()))
        .expect("request");
    for (req, why) in [
        (unsigned, "X-Panelcare-Key"),
        (
            signed(&replies, "k1", BLUEFOX_SECRET, now, &reply),
            "does not match",
        ),
        (signed(&replies, "k9", ACME_SECRET, now, &reply), "unknown"),
        (
            signed(&replies, "k1", ACME_SECRET, now - 600, &reply),
            "five minutes",
        ),
    ] {
        let (s, b, _) = app.send(req).await;
        assert_eq!((s.as_u16(), code(&b)), (401, "invalid_signature"), "{b}");
        assert!(
            b["error"]["message"]
                .as_str()
                .expect("message")
                .contains(why),
            "{b}"
        );
    }
    // BlueFox's key cannot reach Acme's ticket, nor Acme's key BlueFox's.
    let as_fox =
        json!({"tenant": "bluefox", "external_id": "x", "from": "support", "message": "Hi"});
    let (s, _, _) = app
        .send(signed(&replies, "k1", BLUEFOX_SECRET, now, &as_fox))
        .await;
    assert_eq!(s, 404);
    let (s, _, _) = app
        .send(signed(
            &format!("/api/v1/bridge/tickets/{fox_id}/replies"),
            "k1",
            ACME_SECRET,
            now,
            &reply,
        ))
        .await;
    assert_eq!(s, 404);

    for (body, status, code_, field) in [
        (
            json!({"tenant": "acme", "from": "support", "message": "x"}),
            422,
            "invalid_body",
            None,
        ),
        (
            json!({"tenant": "acme", "external_id": "r", "from": "robot", "message": "x"}),
            422,
            "invalid_body",
            None,
        ),
        (
            json!({"tenant": "acme", "external_id": "", "from": "support", "message": "x"}),
            422,
            "validation_failed",
            Some("external_id"),
        ),
        (
            json!({"tenant": "acme", "external_id": "r", "from": "support", "message": "  "}),
            422,
            "validation_failed",
            Some("message"),
        ),
        (
            json!({"tenant": "acme", "external_id": "r", "from": "support", "message": "x".repeat(10_001)}),
            422,
            "validation_failed",
            Some("message"),
        ),
    ] {
        let (s, b, _) = app
            .send(signed(&replies, "k1", ACME_SECRET, now, &body))
            .await;
        assert_eq!((s.as_u16(), code(&b)), (status, code_), "{body}: {b}");
        if let Some(field) = field {
            assert_eq!(fields(&b)[0].0, field);
        }
    }
    let messages = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $1")
            .bind(&id)
            .fetch_one(&app.state.db.pool)
            .await
            .expect("count")
    };
    assert_eq!(messages().await, 1, "nothing wrong was stored");

    // Stored once; the same id with other words is refused.
    let (s, b, _) = app
        .send(signed(&replies, "k1", ACME_SECRET, now, &reply))
        .await;
    assert_eq!((s.as_u16(), b["recorded"].clone()), (201, json!(true)));
    let (s, b, _) = app
        .send(signed(&replies, "k1", ACME_SECRET, now, &reply))
        .await;
    assert_eq!((s.as_u16(), b["recorded"].clone()), (200, json!(false)));
    let mut changed = reply.clone();
    changed["message"] = json!("Something else.");
    let (s, b, _) = app
        .send(signed(&replies, "k1", ACME_SECRET, now, &changed))
        .await;
    assert_eq!((s.as_u16(), code(&b)), (422, "idempotency_key_reused"));

    let status = format!("/api/v1/bridge/tickets/{id}/status");
    let (s, b, _) = app
        .send(signed(
            &status,
            "k1",
            ACME_SECRET,
            now,
            &json!({"tenant": "acme", "status": "on_hold"}),
        ))
        .await;
    assert_eq!((s.as_u16(), fields(&b)[0].0.as_str()), (422, "status"));
    let (s, b, _) = app
        .send(signed(
            &status,
            "k1",
            ACME_SECRET,
            now,
            &json!({"tenant": "acme", "status": "resolved"}),
        ))
        .await;
    assert_eq!((s.as_u16(), b["recorded"].clone()), (200, json!(true)));
    let (_, b, _) = app
        .send(signed(
            &status,
            "k1",
            ACME_SECRET,
            now,
            &json!({"tenant": "acme", "status": "resolved"}),
        ))
        .await;
    assert_eq!(b["recorded"], false);
    let queued: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM bridge_outbox WHERE ticket_id = $1 AND event != 'ticket.created'",
    )
    .bind(&id)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("count");
    assert_eq!(queued, 0, "what the helpdesk said is not sent back to it");
    // The first message, the reply, and the two moves: awaiting the customer, resolved.
    assert_eq!(messages().await, 4);
}

#[tokio::test]
async fn only_a_tenants_admins_set_its_bridge_and_bad_settings_are_named() {
    let app = TestApp::new().await;
    let admin = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let agent = signed_in(&app, "acme", "andy", Role::Agent).await;
    let fox = signed_in(&app, "bluefox", "bo", Role::ResellerAdmin).await;
    let path = "/console/api/tenants/acme/ticket-bridge";
    let good = json!({"url": "https://billing.acme.example/modules/addons/panelcare/bridge.php", "key_id": "k1"});
    for who in [&agent, &fox] {
        for (method, body) in [("GET", None), ("PUT", Some(good.clone())), ("DELETE", None)] {
            let (s, _, _) = app.send(who.req(method, path, body)).await;
            assert_eq!(s, 404, "{method}");
        }
        let (s, _, _) = app
            .send(who.req("POST", &format!("{path}/retry"), None))
            .await;
        assert_eq!(s, 404);
    }
    for (body, field) in [
        (
            json!({"url": "http://billing.acme.example/bridge.php", "key_id": "k1"}),
            "url",
        ),
        (json!({"url": "javascript:alert(1)", "key_id": "k1"}), "url"),
        (
            json!({"url": "https://billing.acme.example/b.php", "key_id": "k7"}),
            "key_id",
        ),
        (
            json!({"url": "https://billing.acme.example/b.php", "key_id": " "}),
            "key_id",
        ),
    ] {
        let (s, b, _) = app.send(admin.req("PUT", path, Some(body.clone()))).await;
        assert_eq!((s.as_u16(), code(&b)), (422, "validation_failed"), "{body}");
        assert_eq!(fields(&b)[0].0, field, "{b}");
    }
    let (s, b, _) = app
        .send(admin.req("PUT", path, Some(json!({"url": 5}))))
        .await;
    assert_eq!((s.as_u16(), code(&b)), (422, "invalid_body"));
    let (_, b, _) = app.send(admin.req("GET", path, None)).await;
    assert_eq!(b["settings"], Value::Null, "nothing was stored");
    let (s, b, _) = app
        .send(admin.req("POST", &format!("{path}/retry"), None))
        .await;
    assert_eq!((s.as_u16(), code(&b)), (404, "not_found"));
    let (s, b, _) = app.send(admin.req("PUT", path, Some(good))).await;
    assert_eq!(s, 200);
    assert_eq!(b["settings"]["key_id"], "k1");
    // BlueFox's admin still sees no bridge of its own.
    let (_, b, _) = app
        .send(fox.req("GET", "/console/api/tenants/bluefox/ticket-bridge", None))
        .await;
    assert_eq!(b["settings"], Value::Null);
}

// The addon calls the server back while the test waits for PHP: two threads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offer_upgrade_shows_whmcs_price_and_its_paid_order_counts_once() {
    let (app, server) = listening().await;
    let whmcs = Whmcs::start(&server);
    panelcare_server::offers::store::save_catalogue(
        &app.state.db,
        "acme",
        &panelcare_server::demo::offers::acme_catalogue(),
    )
    .await
    .expect("catalogue");
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let page = |client_id: u32, query: &str| {
        client
            .get(format!(
                "{}/index.php?m=panelcare&action=upgrade&{query}",
                whmcs.url
            ))
            .header("x-test-client", client_id.to_string())
            .send()
    };
    let vars = |v: Value| v["vars"].clone();

    let preview: Value = page(42, "item=plan:pro&service=31")
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(preview["templatefile"], "upgrade");
    let p = vars(preview);
    assert_eq!(p["error"], Value::Null, "{p}");
    assert_eq!(
        (p["from"].clone(), p["to"].clone()),
        (json!("Starter"), json!("Pro"))
    );
    assert_eq!(
        (p["price"].clone(), p["currency"].clone()),
        (json!("6.40"), json!("EUR"))
    );
    assert_eq!(
        (p["days"].clone(), p["cycle"].clone()),
        (json!(12), json!("monthly"))
    );
    let quote = whmcs.calls("UpgradeProduct");
    assert_eq!(quote.len(), 1);
    assert_eq!(quote[0]["calconly"], true, "a preview orders nothing");
    assert_eq!(quote[0]["paymentmethod"], "banktransfer");

    for (client_id, query, why) in [
        (
            42,
            "item=plan:platinum&service=31",
            "cannot be ordered online",
        ),
        (
            42,
            "item=plan:pro&service=32",
            "not one of your active services",
        ),
        (
            7,
            "item=plan:pro&service=31",
            "not one of your active services",
        ),
        (0, "item=plan:pro&service=31", "cannot be ordered here"),
    ] {
        let p = vars(
            page(client_id, query)
                .await
                .expect("get")
                .json()
                .await
                .expect("json"),
        );
        assert!(
            p["error"].as_str().is_some_and(|e| e.contains(why)),
            "{query}: {p}"
        );
    }
    assert_eq!(
        whmcs.calls("UpgradeProduct").len(),
        1,
        "refused pages asked WHMCS for no price"
    );

    // Ordering needs the page's CSRF token; then it goes to the invoice.
    let order = |token: &str| {
        client
            .post(format!(
                "{}/index.php?m=panelcare&action=upgrade",
                whmcs.url
            ))
            .header("x-test-client", "42")
            .form(&[("token", token), ("item", "plan:pro"), ("service", "31")])
            .send()
    };
    assert_eq!(order("forged").await.expect("post").status(), 403);
    let res = order("harness-token").await.expect("post");
    assert_eq!(res.status(), 302);
    // Pressed again (or the form sent twice) while the invoice is open: no second order.
    let again = order("harness-token").await.expect("post");
    assert_eq!(again.status(), 200);
    let again: Value = again.json().await.expect("json");
    assert!(
        again["vars"]["error"]
            .as_str()
            .is_some_and(|e| e.contains("waiting for payment")),
        "{again}"
    );
    assert_eq!(whmcs.rows("SELECT id FROM tblorders").len(), 1);
    let invoice = whmcs.one("SELECT id FROM tblinvoices")["id"]
        .as_i64()
        .expect("id");
    assert_eq!(
        res.headers()["location"],
        format!("viewinvoice.php?id={invoice}").as_str()
    );
    let conversions = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM offer_events WHERE kind = 'conversion'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("count")
    };
    whmcs.hook("AfterCronJob", &json!({}));
    assert_eq!(conversions().await, 0, "unpaid: not a purchase yet");

    whmcs.rows(&format!(
        "UPDATE tblinvoices SET status = 'Paid' WHERE id = {invoice} RETURNING id"
    ));
    assert_eq!(
        whmcs.hook("InvoicePaid", &json!({"invoiceid": invoice})),
        ""
    );
    whmcs.hook("InvoicePaid", &json!({"invoiceid": invoice}));
    whmcs.hook("AfterCronJob", &json!({}));
    assert_eq!(conversions().await, 1);
    let (account, target): (String, String) =
        sqlx::query_as("SELECT account_id, target FROM offer_events WHERE kind = 'conversion'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("row");
    assert_eq!(
        (account.as_str(), target.as_str()),
        ("client-42", "plan:pro")
    );

    // Nothing due (Business costs nothing extra here): reported at once.
    let res = client
        .post(format!(
            "{}/index.php?m=panelcare&action=upgrade",
            whmcs.url
        ))
        .header("x-test-client", "42")
        .form(&[
            ("token", "harness-token"),
            ("item", "plan:business-vps"),
            ("service", "31"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(
        res.headers()["location"],
        "clientarea.php?action=productdetails&id=31"
    );
    assert_eq!(conversions().await, 2);
    let ordered = whmcs.calls("UpgradeProduct");
    assert_eq!(
        ordered.last().expect("order")["newproductbillingcycle"],
        "annually"
    );
}
