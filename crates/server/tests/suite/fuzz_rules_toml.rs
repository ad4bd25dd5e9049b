//! The offer rules import (`PUT /console/api/offers/rules.toml`) fed arbitrary text and
//! generated documents that are almost rules: a typed refusal or the rules, never a 5xx.

use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use proptest::{prelude::*, test_runner::TestRunner};

use crate::{common::*, fuzz_bodies::cases};

/// A TOML value of any type, sometimes malformed.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,20}".prop_map(|s| format!("{s:?}")),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        prop::collection::vec("[ -~]{0,12}", 0..4).prop_map(|v| format!("{v:?}")),
        prop::sample::select(vec![
            "\"plan:pro\"",
            "\"addon:backups\"",
            "\"https://acme.example/up?a={account}\"",
            "[\"disk.used > 80%\"]",
            "[\"plan == starter\", \"disk.used >=\"]",
            "{ per_days = 7, impressions = 2 }",
            "{ headline = \"Hi\", body = \"{plan}\" }",
            "1e400",
            "-1",
            "4294967296",
            "inf",
            "nan",
            "\"\\u0000\"",
            "'''x'''",
            "[",
            "{",
            "\"",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A line of a rules document: a table header, a key of a rule, or noise.
fn line() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "id",
        "name",
        "enabled",
        "priority",
        "when",
        "offer",
        "headline",
        "body",
        "cta_url",
        "snooze_days",
        "cap",
        "texts",
        "variants",
        "weight",
        "per_days",
        "impressions",
    ]);
    prop_oneof![
        4 => (key, value()).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => prop::sample::select(vec![
            "[[rule]]", "[rule.cap]", "[rule.texts.ru]", "[[rule.variants]]", "[[rule]", "[x]",
            "rule = []", "",
        ])
        .prop_map(str::to_owned),
        1 => ".{0,30}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(line(), 0..30)
            .prop_map(|lines| format!("[[rule]]\n{}\n", lines.join("\n"))),
        1 => any::<String>(),
    ]
}

#[test]
fn any_rules_file_is_imported_or_refused_by_name() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (app, admin) = rt.block_on(async {
        let app = TestApp::new().await;
        let admin = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
        (app, admin)
    });
    let mut runner = TestRunner::new(cases(128));
    let result = runner.run(&document(), |doc| {
        let req = Request::put("/console/api/offers/rules.toml?tenant=acme")
            .header("cookie", &admin.0)
            .header("x-csrf-token", &admin.1)
            .header("content-type", "application/toml")
            .body(Body::from(doc.clone()))
            .expect("request");
        let (status, body, _) = rt.block_on(app.send(req));
        prop_assert!(!status.is_server_error(), "{status} for {doc:?}: {body}");
        if status.is_client_error() {
            prop_assert!(
                body["error"]["code"].is_string(),
                "{status} for {doc:?}: {body}"
            );
        }
        Ok(())
    });
    if let Err(err) = result {
        panic!("{err}");
    }
}
