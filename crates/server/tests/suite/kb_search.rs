//! Article search as customers use it, on whichever engine the run is for: words match as
//! prefixes while they are typed, whatever their case and diacritics, in English, Russian and
//! Serbian. And what differs, pinned down: PostgreSQL stems English and Russian words.

use panelcare_model::console::Role;
use panelcare_server::{auth::sign, db::Engine};
use serde_json::json;

use crate::common::*;

async fn article(app: &TestApp, who: &Who, lang: &str, title: &str, body: &str) {
    let (s, a, _) = app
        .send(who.req(
            "POST",
            "/console/api/kb",
            Some(
                json!({"tenant_id": "acme", "lang": lang, "title": title, "body": body,
                "published": true}),
            ),
        ))
        .await;
    assert_eq!(s, 201, "{a}");
}

/// The titles a customer speaking `locale` finds for `typed`.
async fn found(app: &TestApp, locale: &str, typed: &str) -> Vec<String> {
    let mut c = claims("acme", "alice");
    c.locale = Some(locale.into());
    let t = sign(&c, "k1", ACME_SECRET);
    let q: String = typed
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let (s, hits, _) = app.send(get(&format!("/api/v1/kb/search?q={q}"), &t)).await;
    assert_eq!(s, 200, "{hits}");
    let mut titles: Vec<String> = hits["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|h| h["title"].as_str().map(str::to_owned))
        .collect();
    titles.sort();
    titles
}

#[tokio::test]
async fn prefixes_case_and_diacritics_match_on_every_engine() {
    let app = TestApp::new().await;
    let andrej = signed_in(&app, "acme", "andrej", Role::Agent).await;
    article(
        &app,
        &andrej,
        "en",
        "Café Wi-Fi résumé upload fails",
        "Use the file manager.",
    )
    .await;
    article(
        &app,
        &andrej,
        "en",
        "Restart the mail service",
        "From the panel's Mail page.",
    )
    .await;
    article(
        &app,
        &andrej,
        "ru",
        "Ошибка 503 на сайте",
        "Перезапустите PHP.",
    )
    .await;
    article(
        &app,
        &andrej,
        "sr-Latn",
        "Ne mogu da pošaljem poštu",
        "Proverite lozinku.",
    )
    .await;

    article(
        &app,
        &andrej,
        "en",
        "Certificate renewal after a domain move",
        "The installation guide explains the configuration.",
    )
    .await;
    article(&app, &andrej, "ru", "Тариф подходит для магазина", "Да.").await;

    for typed in ["cafe", "CAFÉ", "resu", "Résumé", "UPLO", "wi fi"] {
        assert_eq!(
            found(&app, "en", typed).await,
            ["Café Wi-Fi résumé upload fails"],
            "{typed:?}"
        );
    }
    for typed in ["ОШИБ", "ошибка", "оши"] {
        assert_eq!(
            found(&app, "ru", typed).await,
            ["Ошибка 503 на сайте"],
            "{typed:?}"
        );
    }
    for typed in ["posalj", "POŠALJ", "POST", "lozin"] {
        assert_eq!(
            found(&app, "sr-Latn", typed).await,
            ["Ne mogu da pošaljem poštu"],
            "{typed:?}"
        );
    }
    // Every prefix of a word finds it, however far a stemmer would cut the word, and short
    // words a stemmer would drop as stop words too.
    let moved = ["Certificate renewal after a domain move"];
    for typed in [
        "certif",
        "certifica",
        "certificat",
        "renewa",
        "installa",
        "configura",
        "do",
    ] {
        assert_eq!(found(&app, "en", typed).await, moved, "{typed:?}");
    }
    assert_eq!(
        found(&app, "ru", "по").await,
        ["Тариф подходит для магазина"]
    );
    // Letters that look like query syntax once their diacritics are gone are plain letters.
    for typed in ["aːb", "⑴", "ŉx", "x:y", "(a)"] {
        found(&app, "en", typed).await;
    }

    // Each language finds its own articles only, and words of one letter find nothing.
    assert!(found(&app, "en", "ошибка").await.is_empty());
    assert!(found(&app, "en", "a b c").await.is_empty());
    // Any word may match: one known word among unknown ones is enough.
    assert_eq!(
        found(&app, "en", "zzz mail qqq").await,
        ["Restart the mail service"]
    );

    // What differs: PostgreSQL stems English words, so "restarting" finds "Restart";
    // SQLite matches the typed word as a prefix only.
    let stemmed = found(&app, "en", "restarting").await;
    match app.state.db.engine() {
        Engine::Postgres => assert_eq!(stemmed, ["Restart the mail service"]),
        Engine::Sqlite => assert!(stemmed.is_empty(), "{stemmed:?}"),
    }
}
