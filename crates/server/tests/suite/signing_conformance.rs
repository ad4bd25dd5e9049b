//! One signing contract: every panel integration's signer (Perl for cPanel's AdminBin, PHP
//! for WHMCS and Plesk, bash with openssl for DirectAdmin) is run here by its own interpreter
//! with a test key, and the server accepts its token, refuses it once expired, and refuses it
//! under another tenant's key. The interpreters come from `cargo xtask setup` (php-cli).

use std::{path::PathBuf, process::Command};

use crate::common::*;
use serde_json::Value;

fn integrations() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../integrations")
}

/// (name, interpreter, script) of every signer we ship.
fn signers() -> Vec<(&'static str, &'static str, PathBuf)> {
    let root = integrations();
    vec![
        (
            "cPanel (Perl)",
            "perl",
            root.join("cpanel/bin/panelcare-sign-token"),
        ),
        (
            "WHMCS and Plesk (PHP)",
            "php",
            root.join("common/php/sign-cli.php"),
        ),
        (
            "DirectAdmin (bash + openssl)",
            "bash",
            root.join("directadmin/plugin/scripts/sign-token.sh"),
        ),
    ]
}

/// A name that needs escaping in JSON: quotes, a backslash, a tab and Cyrillic.
const NAME: &str = "Борис \"Q\" O\\Neil\tjr";

fn sign(interpreter: &str, script: &PathBuf, tenant: &str, secret: &str, now: i64) -> String {
    let out = Command::new(interpreter)
        .arg(script)
        .env("PANELCARE_TENANT", tenant)
        .env("PANELCARE_KID", "k1")
        .env("PANELCARE_SECRET", secret)
        .env("PANELCARE_ACCOUNT", "conformance")
        .env("PANELCARE_NAME", NAME)
        .env("PANELCARE_EMAIL", "o'neil@example.test")
        .env("PANELCARE_PLAN", "starter")
        .env("PANELCARE_LOCALE", "ru_RU")
        .env("PANELCARE_SUPPORT_TIER", "premium")
        .env("PANELCARE_NOW", now.to_string())
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run {interpreter} (cargo xtask setup installs it): {e}")
        });
    assert!(
        out.status.success(),
        "{} failed: {}",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_owned()
}

fn claims_of(token: &str) -> Value {
    use base64::Engine as _;
    let part = token.split('.').nth(1).expect("three parts");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part)
        .expect("base64url without padding");
    serde_json::from_slice(&bytes).expect("claims are JSON")
}

#[tokio::test]
async fn every_signer_makes_tokens_the_server_accepts_and_only_those() {
    let app = TestApp::new().await;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    for (name, interpreter, script) in signers() {
        let token = sign(interpreter, &script, "acme", ACME_SECRET, now);
        let claims = claims_of(&token);
        assert_eq!(claims["iss"], "acme", "{name}");
        assert_eq!(claims["sub"], "conformance", "{name}");
        assert_eq!(claims["aud"], "panelcare", "{name}");
        assert_eq!(
            claims["exp"].as_i64(),
            Some(now + 600),
            "{name}: ten minutes"
        );
        assert_eq!(claims["name"], NAME, "{name}: escaping");
        assert_eq!(claims["support_tier"], "premium", "{name}");
        let (s, b, _) = app.send(get("/api/v1/feedback", &token)).await;
        assert_eq!(s, 200, "{name}: {b}");
        // The claims reach the ticket options: the premium tier's promise, not the default.
        let (s, _, _) = app.send(get("/api/v1/ticket-options", &token)).await;
        assert_eq!(s, 200, "{name}");

        let expired = sign(interpreter, &script, "acme", ACME_SECRET, now - 2_000);
        let (s, b, _) = app.send(get("/api/v1/feedback", &expired)).await;
        assert_eq!((s.as_u16(), code(&b)), (401, "token_expired"), "{name}");

        // Acme's name on BlueFox's key: the signature is checked against Acme's key.
        let foreign = sign(interpreter, &script, "acme", BLUEFOX_SECRET, now);
        let (s, b, _) = app.send(get("/api/v1/feedback", &foreign)).await;
        assert_eq!((s.as_u16(), code(&b)), (401, "invalid_token"), "{name}");

        // BlueFox's own token works, and lands in BlueFox.
        let fox = sign(interpreter, &script, "bluefox", BLUEFOX_SECRET, now);
        let (s, b, _) = app.send(get("/api/v1/branding", &fox)).await;
        assert_eq!(s, 200, "{name}: {b}");
    }
}

/// cPanel's root-owned admin module signs for the cPanel user who asks, with the key in its
/// root-only config file and the plan, e-mail and locale of the user's cPanel user file.
#[tokio::test]
async fn the_cpanel_admin_module_signs_for_the_calling_user() {
    let app = TestApp::new().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let conf = dir.path().join("cpanel.conf");
    std::fs::write(
        &conf,
        format!("# test\ntenant = acme\nkid = k1\nsecret = {ACME_SECRET}\nlifetime = 300\n"),
    )
    .expect("config");
    let root = integrations().join("cpanel");
    // SIGN as cpsrvd would call it, with the config file named; the shim's caller is $USER
    // (on cPanel, cpsrvd says who is asking).
    let sign = || {
        Command::new("perl")
            .arg("-I")
            .arg(root.join("perl"))
            .arg("-I")
            .arg(root.join("t/lib"))
            .args([
                "-MCpanel::Admin::Modules::Panelcare::Token",
                "-e",
                "$Cpanel::Admin::Modules::Panelcare::Token::CONFIG = shift; \
                 my $r = Cpanel::Admin::Modules::Panelcare::Token->SIGN; \
                 print $r->{token}, ' ', $r->{expires_in};",
            ])
            .arg(&conf)
            .env("USER", "cpuser1")
            .output()
            .expect("perl runs")
    };
    let out = sign();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let (token, expires) = text.split_once(' ').expect("token and lifetime");
    assert_eq!(expires, "300");
    assert_eq!(claims_of(token)["sub"], "cpuser1");
    let (s, b, _) = app.send(get("/api/v1/feedback", token)).await;
    assert_eq!(s, 200, "{b}");
    // Without its key, the module refuses rather than signing with nothing.
    std::fs::write(&conf, "tenant = acme\nkid = k1\n").expect("config");
    let out = sign();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("has no secret"));
}

/// DirectAdmin's token page signs for the user of a live DirectAdmin session (key and
/// address checked against DirectAdmin's session file), and its usage page reads that user's
/// files; a forged session key gets nothing.
#[tokio::test]
async fn the_directadmin_plugin_signs_for_the_session_user_only() {
    let app = TestApp::new().await;
    let da = tempfile::tempdir().expect("tempdir");
    let root = da.path();
    std::fs::create_dir_all(root.join("data/sessions")).expect("dirs");
    std::fs::create_dir_all(root.join("data/users/bob")).expect("dirs");
    // A reseller logged in as its user: the last name is the account in view.
    std::fs::write(
        root.join("data/sessions/da_sess_S42"),
        "key=K123\nip=10.0.0.5\nusername=fox|bob\n",
    )
    .expect("session");
    std::fs::write(
        root.join("data/users/bob/user.usage"),
        "quota=4710.5\nbandwidth=39116\nnemails=7\nmysql=3\n",
    )
    .expect("usage");
    std::fs::write(root.join("data/users/bob/user.conf"), "quota=5120\nbandwidth=unlimited\nnemails=10\nmysql=5\nemail=bob@example.test\npackage=starter\n").expect("conf");
    let conf = root.join("panelcare.conf");
    std::fs::write(
        &conf,
        format!("server=https://care.example.com\ntenant=acme\nkid=k1\nsecret={ACME_SECRET}\n"),
    )
    .expect("conf");
    let plugin = integrations().join("directadmin/plugin/user");
    let run = |script: &str, key: &str| {
        let out = Command::new("bash")
            .arg(plugin.join(script))
            .env("DA_ROOT", root)
            .env("PANELCARE_CONF", &conf)
            .env("SESSION_ID", "S42")
            .env("SESSION_KEY", key)
            .env("REMOTE_ADDR", "10.0.0.5")
            .output()
            .expect("bash runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).expect("utf-8");
        let (head, body) = text.split_once("\r\n\r\n").expect("an HTTP answer");
        (
            head.lines().next().unwrap_or_default().to_owned(),
            serde_json::from_str::<Value>(body).expect("JSON"),
        )
    };
    let (status, body) = run("token.raw", "K123");
    assert_eq!(status, "HTTP/1.1 200 OK");
    let token = body["token"].as_str().expect("token");
    assert_eq!(claims_of(token)["sub"], "bob");
    assert_eq!(claims_of(token)["plan"], "starter");
    let (s, b, _) = app.send(get("/api/v1/feedback", token)).await;
    assert_eq!(s, 200, "{b}");
    let (status, usage) = run("usage.raw", "K123");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(usage["disk"]["limit"].as_f64(), Some(5120.0 * 1_048_576.0));
    assert_eq!(usage["bandwidth"]["limit"], Value::Null, "unlimited");
    assert_eq!(
        usage["mail_accounts"],
        serde_json::json!({"used": 7, "limit": 10})
    );
    for script in ["token.raw", "usage.raw"] {
        let (status, body) = run(script, "forged");
        assert_eq!(status, "HTTP/1.1 401 Unauthorized", "{script}");
        assert!(
            body.get("token").is_none() && body.get("disk").is_none(),
            "{script}: {body}"
        );
    }
}

#[tokio::test]
async fn signers_refuse_to_sign_without_a_real_secret() {
    for (name, interpreter, script) in signers() {
        let out = Command::new(interpreter)
            .arg(&script)
            .env("PANELCARE_TENANT", "acme")
            .env("PANELCARE_KID", "k1")
            .env("PANELCARE_SECRET", "short")
            .env("PANELCARE_ACCOUNT", "x")
            .output()
            .expect("runs");
        assert!(
            !out.status.success(),
            "{name} signed with a 5-character secret"
        );
        assert!(out.stdout.is_empty(), "{name} printed a token anyway");
    }
}
