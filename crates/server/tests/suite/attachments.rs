//! Files on tickets: what is accepted (by content, not name), limits, who may attach what,
//! and how files are served (signed, as downloads, never sniffed).

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_server::tickets::store::settings;
use serde_json::{Value, json};

fn upload(token: &str, name: &str, bytes: Vec<u8>) -> Request<Body> {
    Request::post(format!("/api/v1/attachments?name={name}"))
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/octet-stream")
        .body(Body::from(bytes))
        .expect("request")
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

async fn ticket_with(app: &TestApp, tenant: &str, account: &str, files: &[&str]) -> (u16, Value) {
    let req = Request::post("/api/v1/tickets")
        .header(
            "authorization",
            format!("Bearer {}", token(tenant, account)),
        )
        .header("content-type", "application/json")
        .header("idempotency-key", format!("ticket-{}", files.join("-")))
        .body(Body::from(
            json!({"department": "technical", "priority": "critical", "subject": "Down",
                   "message": "See the log.", "attachments": files})
            .to_string(),
        ))
        .expect("request");
    let (s, b, _) = app.send(req).await;
    (s.as_u16(), b)
}

#[tokio::test]
async fn images_pdf_and_logs_are_accepted_and_served_as_downloads() {
    let app = TestApp::new().await;
    let alice = token("acme", "alice");
    let (s, shot, _) = app
        .send(upload(&alice, "screen%20shot.png", png(800, 600)))
        .await;
    assert_eq!(s, 201, "{shot}");
    assert_eq!(shot["content_type"], "image/png");
    assert_eq!(shot["name"], "screen shot.png");
    assert!(shot["thumbnail_url"].is_string());
    let (s, log, _) = app
        .send(upload(
            &alice,
            "error.log",
            b"[error] PHP Fatal error: <script> in x.php\n".to_vec(),
        ))
        .await;
    assert_eq!(
        (s.as_u16(), log["content_type"].as_str()),
        (201, Some("text/plain; charset=utf-8"))
    );
    assert!(log["thumbnail_url"].is_null());
    let (s, pdf, _) = app
        .send(upload(
            &alice,
            "invoice.pdf",
            b"%PDF-1.7\n%\xe2\xe3\n".to_vec(),
        ))
        .await;
    assert_eq!(
        (s.as_u16(), pdf["content_type"].as_str()),
        (201, Some("application/pdf"))
    );

    let ids: Vec<&str> = [&shot, &log, &pdf]
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    let (s, t) = ticket_with(&app, "acme", "alice", &ids).await;
    assert_eq!(s, 201, "{t}");
    let files = t["messages"][0]["attachments"].as_array().expect("files");
    assert_eq!(files.len(), 3);

    // The signed address works without a token, as a download that is never sniffed.
    let url = files[1]["url"].as_str().expect("url");
    let (s, body, res) = app
        .send_raw(Request::get(url).body(Body::empty()).expect("req"))
        .await;
    assert_eq!(s, 200);
    assert_eq!(body, b"[error] PHP Fatal error: <script> in x.php\n");
    let h = res.headers();
    assert_eq!(h["content-type"], "text/plain; charset=utf-8");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(
        h["content-disposition"]
            .to_str()
            .expect("ascii")
            .starts_with("attachment; filename=\"error.log\"")
    );
    assert_eq!(h["content-security-policy"], "default-src 'none'; sandbox");

    // The thumbnail is a small PNG made from the pixels.
    let thumb = files[0]["thumbnail_url"].as_str().expect("thumb");
    let (s, body, res) = app
        .send_raw(Request::get(thumb).body(Body::empty()).expect("req"))
        .await;
    assert_eq!(
        (s.as_u16(), res.headers()["content-type"].to_str().ok()),
        (200, Some("image/png"))
    );
    let small = image::load_from_memory(&body).expect("decodes");
    assert_eq!((small.width(), small.height()), (320, 240));

    // A forged, altered or expired signature finds nothing.
    let forged = url.replace("sig=", "sig=00");
    let other_file = url.replace(
        files[1]["id"].as_str().expect("id"),
        files[2]["id"].as_str().expect("id"),
    );
    let later = url.replace("exp=", "exp=9");
    for bad in [
        forged,
        other_file,
        later,
        format!("/api/v1/files/{}", files[1]["id"].as_str().expect("id")),
    ] {
        let (s, _, _) = app
            .send_raw(Request::get(&bad).body(Body::empty()).expect("req"))
            .await;
        assert_eq!(s, 404, "{bad}");
    }
}

#[tokio::test]
async fn markup_archives_lies_and_oversized_files_are_refused() {
    let app = TestApp::new().await;
    let alice = token("acme", "alice");
    let zip_bomb = {
        // The start of a zip file: the server refuses archives before reading further.
        let mut z = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
        z.extend(std::iter::repeat_n(0u8, 4096));
        z
    };
    for (name, bytes, want) in [
        (
            "cute.png",
            b"<!DOCTYPE html><script>alert(1)</script>".to_vec(),
            "file_type_not_allowed",
        ),
        (
            "logo.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".to_vec(),
            "file_type_not_allowed",
        ),
        (
            "report.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00".to_vec(),
            "file_type_not_allowed",
        ),
        ("logs.zip", zip_bomb, "file_type_not_allowed"),
        (
            "broken.png",
            b"\x89PNG\r\n\x1a\nnot really".to_vec(),
            "file_type_not_allowed",
        ),
        ("empty.txt", Vec::new(), "file_type_not_allowed"),
    ] {
        let (s, b, _) = app.send(upload(&alice, name, bytes)).await;
        assert_eq!((s.as_u16(), code(&b)), (415, want), "{name}");
        assert!(!b["error"]["message"].as_str().unwrap_or("").is_empty());
    }
    // A PNG that claims 100,000 × 100,000 pixels is not decoded.
    let mut bomb = png(1, 1);
    bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let (s, b, _) = app.send(upload(&alice, "bomb.png", bomb)).await;
    assert_eq!((s.as_u16(), code(&b)), (415, "file_type_not_allowed"));

    let mut small = settings::load(&app.state.db, "acme")
        .await
        .expect("settings");
    small.attachment_max_bytes = 2048;
    settings::save(&app.state.db, "acme", &small)
        .await
        .expect("save");
    let (s, b, _) = app.send(upload(&alice, "big.log", vec![b'a'; 2049])).await;
    assert_eq!((s.as_u16(), code(&b)), (413, "body_too_large"));
    let (s, _, _) = app.send(upload(&alice, "ok.log", vec![b'a'; 2048])).await;
    assert_eq!(s, 201);
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachments")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(stored, 1, "only the one good file");
}

#[tokio::test]
async fn a_file_is_attached_once_by_its_uploader_only() {
    let app = TestApp::new().await;
    let (_, mine, _) = app
        .send(upload(
            &token("acme", "alice"),
            "a.log",
            b"alice's log\n".to_vec(),
        ))
        .await;
    let id = mine["id"].as_str().expect("id");
    // Boris (same tenant) and a BlueFox customer cannot put Alice's file on their tickets.
    for (tenant, account) in [("acme", "boris"), ("bluefox", "alice")] {
        let (s, b) = ticket_with(&app, tenant, account, &[id]).await;
        assert_eq!(
            (s, fields(&b)[0].0.as_str()),
            (422, "attachments"),
            "{tenant}/{account}"
        );
    }
    let (s, _) = ticket_with(&app, "acme", "alice", &[id]).await;
    assert_eq!(s, 201);
    // Used once: another ticket cannot take it again.
    let req = Request::post("/api/v1/tickets")
        .header(
            "authorization",
            format!("Bearer {}", token("acme", "alice")),
        )
        .header("content-type", "application/json")
        .header("idempotency-key", "another-ticket")
        .body(Body::from(
            json!({"department": "technical", "priority": "low", "subject": "s",
            "message": "m", "attachments": [id]})
            .to_string(),
        ))
        .expect("request");
    let (s, b, _) = app.send(req).await;
    assert_eq!((s.as_u16(), fields(&b)[0].0.as_str()), (422, "attachments"));
    let tickets: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tickets")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(tickets, 1, "refused tickets leave nothing behind");
    let (s, b, _) = app.send(upload("no-token", "a.log", b"x".to_vec())).await;
    assert_eq!((s.as_u16(), code(&b)), (401, "invalid_token"));
}
