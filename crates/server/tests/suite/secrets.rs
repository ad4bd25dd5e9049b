//! Secrets at rest: tenant signing secrets, webhook secrets and the key that signs file
//! addresses are stored sealed under the
//! server's key, tokens signed with them still verify, a copy of the database under another
//! key is refused at start with a clear error, and `rotate-secrets` moves every secret to a
//! new key so the old one can be dropped.

use panelcare_model::console::Role;
use panelcare_server::{
    attachments::signing,
    auth,
    db::{ConnectError, Db, Options},
    secrets::{KeyRing, SecretsError},
};
use serde_json::json;

use crate::common::{process::run_command, *};

/// Every stored secret column as it is in the database.
async fn raw_secrets(db: &Db) -> Vec<String> {
    let mut all: Vec<String> = sqlx::query_scalar("SELECT secret FROM tenant_keys")
        .fetch_all(&db.pool)
        .await
        .expect("keys");
    let settings: Vec<String> = sqlx::query_scalar("SELECT settings FROM notify_settings")
        .fetch_all(&db.pool)
        .await
        .expect("settings");
    all.extend(settings);
    let server: Vec<String> = sqlx::query_scalar("SELECT value FROM server_secrets")
        .fetch_all(&db.pool)
        .await
        .expect("server secrets");
    all.extend(server);
    all
}

/// A signed file address (which makes the server's file-address key if there is none yet),
/// and whether `state` accepts it.
async fn file_address_checks(state: &panelcare_server::AppState, sig_from: &str) -> bool {
    let now = panelcare_server::time::now_ms();
    let (exp, sig) = sig_from
        .split_once("?exp=")
        .and_then(|(_, q)| q.split_once("&sig="))
        .expect("a signed address");
    signing::check(state, "file-1", false, exp.parse().expect("exp"), sig, now)
        .await
        .expect("checks")
}

async fn open_with(url: &str, ring: KeyRing) -> Result<Db, ConnectError> {
    let options = Options {
        secrets: Some(ring),
        ..Default::default()
    };
    Db::connect_with(url, &options).await
}

#[tokio::test]
async fn secrets_are_stored_sealed_and_tokens_still_verify() {
    let app = TestApp::new().await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let (s, key, _) = app
        .send(ada.req(
            "POST",
            "/console/api/tenants/acme/keys",
            Some(json!({"kid": "k2"})),
        ))
        .await;
    assert_eq!(s, 201, "{key}");
    let k2 = key["secret"].as_str().expect("secret").to_owned();
    let webhook = "whsec-0123456789abcdef";
    let (s, body, _) = app
        .send(ada.req(
            "PUT",
            "/console/api/tenants/acme/notifications",
            Some(
                json!({"emails": [], "webhook_url": "https://hooks.example.com/x",
                "webhook_secret": webhook}),
            ),
        ))
        .await;
    assert_eq!(s, 200, "{body}");
    let now = panelcare_server::time::now_ms();
    let address = signing::path(&app.state, "file-1", false, now)
        .await
        .expect("signs");
    let raw = raw_secrets(&app.state.db).await;
    assert_eq!(raw.len(), 5, "{raw:?}");
    let file_key: String =
        sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = 'file_urls'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("file key");
    assert!(file_key.starts_with("enc:v1:"), "{file_key}");
    // Another instance on the same database reads the sealed key and accepts the address.
    let other = app.another_instance().await;
    assert!(file_address_checks(&other, &address).await);
    for value in &raw {
        for plain in [ACME_SECRET, BLUEFOX_SECRET, k2.as_str(), webhook] {
            assert!(!value.contains(plain), "{value}");
        }
        assert!(value.contains("enc:v1:"), "{value}");
    }
    for (tenant, kid, secret) in [("acme", "k1", ACME_SECRET), ("acme", "k2", &k2)] {
        let token = auth::sign(&claims(tenant, "alice"), kid, secret);
        let who = auth::verify(&app.state, &token).await.expect("verifies");
        assert_eq!(who.account_id, "alice");
    }
}

#[tokio::test]
async fn a_sent_secret_shaped_like_a_sealed_one_is_sealed_too() {
    let app = TestApp::new().await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let forged = "enc:v1:deadbeef:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    let (s, body, _) = app
        .send(ada.req(
            "PUT",
            "/console/api/tenants/acme/notifications",
            Some(
                json!({"emails": [], "webhook_url": "https://hooks.example.com/x",
                "webhook_secret": forged}),
            ),
        ))
        .await;
    assert_eq!(s, 200, "{body}");
    let mut conn = app.state.db.pool.acquire().await.expect("conn");
    let opened =
        panelcare_server::notify::store::webhook_secret(&mut conn, &app.state.db.secrets, "acme")
            .await
            .expect("opens under the server's key");
    assert_eq!(opened, forged);
}

#[tokio::test]
async fn a_copy_under_another_key_is_refused_and_rotation_drops_the_old_key() {
    let app = TestApp::new().await;
    let (old, new) = ([7u8; 32], KeyRing::generate_key());
    // Another server's key: refused when opening, naming the key it lacks, before serving.
    let err = open_with(&app.db_url, KeyRing::new(&new, &[]))
        .await
        .expect_err("refused");
    assert!(
        matches!(err, ConnectError::Secrets(_) | ConnectError::SecretsPass(_)),
        "{err:?}"
    );
    let said = err.to_string();
    assert!(
        said.contains(KeyRing::new(&old, &[]).current_id()),
        "{said}"
    );

    // Rows written before sealing are read as they are, and sealed by the rotation.
    sqlx::query("UPDATE tenant_keys SET secret = $1 WHERE tenant_id = 'bluefox'")
        .bind(BLUEFOX_SECRET)
        .execute(&app.state.db.pool)
        .await
        .expect("plain row");
    let plain_file_key = "ab".repeat(32);
    sqlx::query("INSERT INTO server_secrets (name, value) VALUES ('file_urls', $1) ON CONFLICT (name) DO UPDATE SET value = $1")
        .bind(&plain_file_key)
        .execute(&app.state.db.pool)
        .await
        .expect("plain file key");
    let fresh = panelcare_server::app_state(app.state.db.clone(), (*app.state.config).clone());
    let before = signing::path(&fresh, "file-1", false, panelcare_server::time::now_ms())
        .await
        .expect("signs with the plain key");
    let dir = tempfile::tempdir().expect("tempdir");
    let (old_file, new_file) = (dir.path().join("old.key"), dir.path().join("new.key"));
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    std::fs::write(&old_file, b64.encode(old)).expect("old key");
    std::fs::write(&new_file, b64.encode(new)).expect("new key");
    let said = run_command(
        process::THIS_BUILD,
        &app.db_url,
        &[
            "--secret-key-file",
            new_file.to_str().expect("path"),
            "--old-secret-key-file",
            old_file.to_str().expect("path"),
            "rotate-secrets",
        ],
    );
    assert!(
        said.contains(KeyRing::new(&new, &[]).current_id()),
        "{said}"
    );
    // The new key alone now opens everything, and tokens verify.
    let db = open_with(&app.db_url, KeyRing::new(&new, &[]))
        .await
        .expect("the old key is no longer needed");
    for value in raw_secrets(&db).await {
        assert!(
            value.starts_with(&format!("enc:v1:{}:", db.secrets.current_id())),
            "{value}"
        );
    }
    let state = panelcare_server::app_state(db, (*app.state.config).clone());
    // The file-address key was sealed, not replaced: addresses signed before still work.
    assert!(file_address_checks(&state, &before).await);
    for (tenant, secret) in [("acme", ACME_SECRET), ("bluefox", BLUEFOX_SECRET)] {
        let token = auth::sign(&claims(tenant, "alice"), "k1", secret);
        auth::verify(&state, &token).await.expect("verifies");
    }
    assert!(matches!(
        open_with(&app.db_url, KeyRing::new(&old, &[])).await,
        Err(ConnectError::SecretsPass(_) | ConnectError::Secrets(SecretsError::UnknownKey(_)))
    ));
}
