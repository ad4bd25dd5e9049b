//! Branding: admins edit their tenants' look, the widget reads its own tenant's, and no field
//! lets CSS or script through.

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use serde_json::{Value, json};

async fn signed_in(app: &TestApp, tenant: &str, name: &str, role: Role) -> (String, String) {
    let email = format!("{name}@{tenant}.test");
    let pw = app.agent(tenant, &email, role).await;
    app.sign_in(&email, &pw).await
}

fn put(who: &(String, String), tenant: &str, body: &Value) -> Request<Body> {
    Request::put(format!("/console/api/tenants/{tenant}/branding"))
        .header("cookie", &who.0)
        .header("x-csrf-token", &who.1)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .expect("request")
}

fn read(who: &(String, String), tenant: &str) -> Request<Body> {
    Request::get(format!("/console/api/tenants/{tenant}/branding"))
        .header("cookie", &who.0)
        .body(Body::empty())
        .expect("request")
}

fn teal() -> Value {
    json!({"product_name": "BlueFox Care", "primary": "#0F766E", "accent": "#c2410c", "radius": 14,
           "font": "Verdana, sans-serif", "theme": "dark", "hide_powered_by": true})
}

#[tokio::test]
async fn a_reseller_brands_its_own_widget_and_only_its_own() {
    let app = TestApp::new().await;
    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let (s, body, _) = app.send(put(&bea, "bluefox", &teal())).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["primary"], "#0f766e", "colours are normalised");

    let (_, fox, _) = app
        .send(get("/api/v1/branding", &token("bluefox", "milica")))
        .await;
    assert_eq!(fox["product_name"], "BlueFox Care");
    assert_eq!(fox["theme"], "dark");
    assert_eq!(fox["hide_powered_by"], true);
    let (_, acme, _) = app
        .send(get("/api/v1/branding", &token("acme", "alice")))
        .await;
    assert_eq!(acme["product_name"], "", "Acme keeps the default look");
    assert_eq!(acme["primary"], "");

    let (s, b, _) = app.send(put(&bea, "acme", &teal())).await;
    assert_eq!((s.as_u16(), code(&b)), (404, "not_found"));
    let (s, _, _) = app.send(read(&bea, "acme")).await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn who_may_edit_which_tenant() {
    let app = TestApp::new().await;
    panelcare_server::tenants::store::create(&app.state.db, "zeta", "Zeta Hosting", None)
        .await
        .expect("tenant");
    let cases = [
        ("ada", "acme", Role::ProviderAdmin, &["acme", "bluefox"][..]),
        ("andrej", "acme", Role::Agent, &[][..]),
        ("bea", "bluefox", Role::ResellerAdmin, &["bluefox"][..]),
        ("bob", "bluefox", Role::Agent, &[][..]),
        ("zoe", "zeta", Role::ProviderAdmin, &["zeta"][..]),
    ];
    for (name, tenant, role, may) in cases {
        let who = signed_in(&app, tenant, name, role).await;
        for target in ["acme", "bluefox", "zeta", "nobody"] {
            let allowed = may.contains(&target);
            let (s, body, _) = app.send(read(&who, target)).await;
            assert_eq!(
                s.as_u16(),
                if allowed { 200 } else { 404 },
                "{name} reads {target}: {body}"
            );
            let (s, body, _) = app
                .send(put(&who, target, &json!({"product_name": name})))
                .await;
            assert_eq!(
                s.as_u16(),
                if allowed { 200 } else { 404 },
                "{name} writes {target}: {body}"
            );
        }
    }
}

#[tokio::test]
async fn css_and_script_cannot_get_in_and_nothing_changes() {
    let app = TestApp::new().await;
    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    app.send(put(&bea, "bluefox", &teal())).await;
    let attacks = [
        (
            json!({"primary": "#fff; } :host { display: none"}),
            "primary",
        ),
        (json!({"accent": "red"}), "accent"),
        (
            json!({"font": "x; background: url(https://evil.example/)"}),
            "font",
        ),
        (json!({"logo_url": "javascript:alert(1)"}), "logo_url"),
        (
            json!({"logo_url": "https://x.example/a.png\");background:url(\""}),
            "logo_url",
        ),
        (json!({"radius": 99}), "radius"),
        (json!({"product_name": "x".repeat(61)}), "product_name"),
    ];
    for (body, field) in attacks {
        let (s, res, _) = app.send(put(&bea, "bluefox", &body)).await;
        assert_eq!(
            (s.as_u16(), code(&res)),
            (422, "validation_failed"),
            "{body}"
        );
        assert_eq!(fields(&res)[0].0, field, "{body}");
    }
    let (_, still, _) = app
        .send(get("/api/v1/branding", &token("bluefox", "milica")))
        .await;
    assert_eq!(still["primary"], "#0f766e");
    // A product name with markup is text, stored as given: the widget renders it inert.
    let (s, b, _) = app
        .send(put(&bea, "bluefox", &json!({"product_name": "<b>Fox</b>"})))
        .await;
    assert_eq!(
        (s.as_u16(), b["product_name"].as_str()),
        (200, Some("<b>Fox</b>"))
    );
}

#[tokio::test]
async fn a_reseller_rewords_the_widget_per_language() {
    let app = TestApp::new().await;
    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let body = json!({
        "languages": ["sr-Latn", "en"],
        "strings": {
            "en": {"title": "  Ideas for BlueFox ", "submit": ""},
            "sr-Latn": {"title": "Predlozi za <b>BlueFox</b>"}
        }
    });
    let (s, saved, _) = app.send(put(&bea, "bluefox", &body)).await;
    assert_eq!(s, 200, "{saved}");
    assert_eq!(
        saved["strings"]["en"],
        json!({"title": "Ideas for BlueFox"})
    );

    // The customer's widget gets the tenant's words and languages; markup stays text.
    let (_, fox, _) = app
        .send(get("/api/v1/branding", &token("bluefox", "milica")))
        .await;
    assert_eq!(fox["languages"], json!(["sr-Latn", "en"]));
    assert_eq!(
        fox["strings"]["sr-Latn"]["title"],
        "Predlozi za <b>BlueFox</b>"
    );
    let (_, acme, _) = app
        .send(get("/api/v1/branding", &token("acme", "alice")))
        .await;
    assert_eq!(acme["strings"], json!({}), "Acme keeps our wording");

    // Each bad override is named by its path; nothing of a refused request is stored.
    for (body, field, want) in [
        (
            json!({"strings": {"de": {"title": "Hallo"}}}),
            "strings.de",
            "unknown_value",
        ),
        (
            json!({"strings": {"en": {"no_such_text": "x"}}}),
            "strings.en.no_such_text",
            "unknown_value",
        ),
        (
            json!({"strings": {"en": {"stars": "x"}}}),
            "strings.en.stars",
            "unknown_value",
        ),
        (
            json!({"strings": {"en": {"intro": "x".repeat(301)}}}),
            "strings.en.intro",
            "too_long",
        ),
        (
            json!({"strings": {"en": {"intro": "a\u{7}b"}}}),
            "strings.en.intro",
            "forbidden_characters",
        ),
        (
            json!({"strings": {"en": {"intro": "a\u{202e}b"}}}),
            "strings.en.intro",
            "forbidden_characters",
        ),
        (
            json!({"strings": {"en": {"intro": "a\nb"}}}),
            "strings.en.intro",
            "invalid_type",
        ),
        (json!({"languages": ["en", "en"]}), "languages", "duplicate"),
        (
            json!({"languages": ["klingon"]}),
            "languages",
            "unknown_value",
        ),
    ] {
        let (s, res, _) = app.send(put(&bea, "bluefox", &body)).await;
        assert_eq!(
            (s.as_u16(), code(&res)),
            (422, "validation_failed"),
            "{body}"
        );
        let f = fields(&res);
        assert_eq!((f[0].0.as_str(), f[0].1.as_str()), (field, want), "{body}");
    }
    for body in [
        json!({"strings": ["title"]}),
        json!({"strings": {"en": {"title": 5}}}),
        json!({"languages": "en"}),
    ] {
        let (s, res, _) = app.send(put(&bea, "bluefox", &body)).await;
        assert_eq!((s.as_u16(), code(&res)), (422, "invalid_body"), "{body}");
    }
    let (_, still, _) = app.send(read(&bea, "bluefox")).await;
    assert_eq!(still["strings"]["en"]["title"], "Ideas for BlueFox");
}

#[tokio::test]
async fn branding_changes_are_audited() {
    let app = TestApp::new().await;
    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    app.send(put(&bea, "bluefox", &teal())).await;
    let req = Request::get("/console/api/audit")
        .header("cookie", &bea.0)
        .body(Body::empty())
        .expect("request");
    let (_, log, _) = app.send(req).await;
    assert_eq!(log[0]["action"], "branding.update");
    assert_eq!(log[0]["tenant_id"], "bluefox");
}

#[tokio::test]
async fn the_tenant_list_follows_the_scope() {
    let app = TestApp::new().await;
    for (name, tenant, role, want) in [
        ("ada", "acme", Role::ProviderAdmin, vec!["acme", "bluefox"]),
        ("bea", "bluefox", Role::ResellerAdmin, vec!["bluefox"]),
        ("andrej", "acme", Role::Agent, vec!["acme"]),
    ] {
        let who = signed_in(&app, tenant, name, role).await;
        let req = Request::get("/console/api/tenants")
            .header("cookie", &who.0)
            .body(Body::empty())
            .expect("request");
        let (s, list, _) = app.send(req).await;
        assert_eq!(s, 200);
        let ids: Vec<&str> = list
            .as_array()
            .expect("list")
            .iter()
            .filter_map(|t| t["id"].as_str())
            .collect();
        assert_eq!(ids, want, "{name}");
    }
}

#[tokio::test]
async fn a_widget_reads_the_texts_of_its_customers_language_without_signing_in() {
    let app = TestApp::new().await;
    let bare = |path: &str| Request::get(path).body(Body::empty()).expect("request");
    let (s, ru, res) = app.send(bare("/api/v1/texts/ru")).await;
    assert_eq!(s, 200, "{ru}");
    assert_eq!(ru["lang"], "ru");
    assert_eq!(ru["texts"]["submit"], "Отправить");
    assert_eq!(
        ru["texts"]["stars.few"], "{n} звезды",
        "plural forms by name and form"
    );
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=3600",
        "the same for every tenant: any cache may keep it"
    );
    let (s, sr, _) = app.send(bare("/api/v1/texts/sr-Latn")).await;
    assert_eq!((s.as_u16(), sr["lang"].as_str()), (200, Some("sr-Latn")));
    assert_ne!(sr["texts"]["submit"], ru["texts"]["submit"]);

    for tag in ["xx", "RU", "ru-RU", "sr", "..%2Fen", "%00", "%FF", "ru%20"] {
        let (s, body, _) = app.send(bare(&format!("/api/v1/texts/{tag}"))).await;
        assert_eq!(
            (s.as_u16(), code(&body)),
            (404, "not_found"),
            "{tag}: {body}"
        );
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("sr-Latn")),
            "{body}"
        );
    }
}

/// The widget's focus ring keeps 3:1 on its background whatever the tenant's primary colour:
/// the server sends the ring with the branding (the primary where it stands out, else a dark
/// or light ring), and never stores it or takes it from an admin.
#[tokio::test]
async fn the_widget_gets_a_focus_ring_that_stands_out() {
    let app = TestApp::new().await;
    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    for (primary, theme, ring) in [
        ("#0f766e", "light", "#0f766e"),
        ("#fde68a", "light", "#1f2937"),
        ("#1e3a8a", "dark", "#f3f4f6"),
    ] {
        let body = json!({"primary": primary, "theme": theme, "focus": "#ffffff"});
        let (s, saved, _) = app.send(put(&bea, "bluefox", &body)).await;
        assert_eq!(s, 200, "{saved}");
        assert!(saved.get("focus").is_none(), "not stored: {saved}");
        let (_, widget, _) = app
            .send(get("/api/v1/branding", &token("bluefox", "milica")))
            .await;
        assert_eq!(widget["focus"], ring, "{primary} on {theme}");
    }
    // A tenant that set nothing gets the default primary's ring.
    let (_, acme, _) = app
        .send(get("/api/v1/branding", &token("acme", "alice")))
        .await;
    assert_eq!(acme["focus"], "#1d4ed8");
}

/// The floating launcher is the tenant's to turn on, in the corner it picks; its texts come
/// with the widget's in every language and may be reworded like them; nothing else is taken.
#[tokio::test]
async fn a_tenant_turns_the_launcher_on_and_rewords_it() {
    let app = TestApp::new().await;
    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let body = json!({"launcher": true, "launcher_side": "left",
                      "strings": {"sr-Latn": {"launcher_open": "Pitajte BlueFox"}}});
    let (s, saved, _) = app.send(put(&bea, "bluefox", &body)).await;
    assert_eq!(s, 200, "{saved}");
    let (_, fox, _) = app
        .send(get("/api/v1/branding", &token("bluefox", "milica")))
        .await;
    assert_eq!(
        (fox["launcher"].clone(), fox["launcher_side"].clone()),
        (json!(true), json!("left"))
    );
    assert_eq!(
        fox["strings"]["sr-Latn"]["launcher_open"],
        "Pitajte BlueFox"
    );
    let (_, acme, _) = app
        .send(get("/api/v1/branding", &token("acme", "alice")))
        .await;
    assert_eq!(
        (acme["launcher"].clone(), acme["launcher_side"].clone()),
        (json!(false), json!("right")),
        "off by default, and BlueFox's is its own"
    );

    for body in [json!({"launcher_side": "top"}), json!({"launcher": "yes"})] {
        let (s, res, _) = app.send(put(&bea, "bluefox", &body)).await;
        assert_eq!((s.as_u16(), code(&res)), (422, "invalid_body"), "{body}");
    }
    let (s, res, _) = app
        .send(put(
            &bea,
            "bluefox",
            &json!({"strings": {"en": {"launcher_nope": "x"}}}),
        ))
        .await;
    assert_eq!(
        (s.as_u16(), code(&res)),
        (422, "validation_failed"),
        "{res}"
    );
    let (_, still, _) = app.send(read(&bea, "bluefox")).await;
    assert_eq!(still["launcher_side"], "left");

    let bare = |path: &str| Request::get(path).body(Body::empty()).expect("request");
    let mut words = Vec::new();
    for lang in ["en", "ru", "sr-Latn"] {
        let (_, texts, _) = app.send(bare(&format!("/api/v1/texts/{lang}"))).await;
        for key in [
            "launcher_open",
            "launcher_close",
            "launcher_ideas",
            "launcher_unread",
        ] {
            let text = texts["texts"][key].as_str().unwrap_or_default().to_owned();
            assert!(!text.is_empty(), "{lang} {key}");
            words.push(text);
        }
    }
    assert_eq!(words[4], "Помощь и отзывы");
    assert_eq!(words[8], "Pomoć i povratne informacije");
}
