//! The built files as a CDN would send them: the smallest precompressed copy the browser
//! accepts, a strong ETag per copy and 304s, caching per path, nothing outside the folder; and
//! API answers over a kilobyte compressed on the fly.

use axum::{body::Body, http::Request};

use crate::common::*;

/// A dist/ as `cargo xtask build` leaves it: a hashed wasm, the loader and the console's page,
/// each with brotli and gzip copies beside it (their contents tell which copy was sent).
fn built_dist() -> tempfile::TempDir {
    let dist = tempfile::tempdir().expect("tempdir");
    let files = [
        ("assets/panelcare_bg-0123456789ab.wasm", "\0asm raw"),
        ("panelcare.js", "loader raw"),
        ("console/index.html", "<!doctype html>console raw"),
        ("adapters/cpanel.js", "adapter raw"),
    ];
    for (path, raw) in files {
        let file = dist.path().join(path);
        std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        std::fs::write(&file, raw).expect("write");
        std::fs::write(format!("{}.br", file.display()), raw.replace("raw", "br")).expect("br");
        std::fs::write(format!("{}.gz", file.display()), raw.replace("raw", "gz")).expect("gz");
    }
    dist
}

async fn serving(dist: &std::path::Path) -> TestApp {
    let dir = dist.to_owned();
    TestApp::new_with(move |c| c.dist_dir = dir).await
}

fn get(path: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut req = Request::get(path);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.body(Body::empty()).expect("request")
}

/// A header's value as text ("" when it is missing).
fn hv<'a>(res: &'a axum::http::Response<()>, name: &str) -> &'a str {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

const CHROMIUM: (&str, &str) = ("accept-encoding", "gzip, deflate, br, zstd");
const WASM: &str = "/assets/panelcare_bg-0123456789ab.wasm";

#[tokio::test]
async fn widget_files_go_out_as_the_smallest_copy_the_browser_accepts() {
    let dist = built_dist();
    let app = serving(dist.path()).await;
    let (s, body, res) = app.send_raw(get(WASM, &[CHROMIUM])).await;
    assert_eq!((s.as_u16(), body.as_slice()), (200, &b"\0asm br"[..]));
    let h = res.headers();
    assert_eq!(h["content-encoding"], "br");
    assert_eq!(h["content-type"], "application/wasm");
    assert_eq!(h["content-length"], "7");
    assert_eq!(h["vary"], "accept-encoding");
    assert_eq!(h["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(h["access-control-allow-origin"], "*");
    let br_etag = h["etag"].to_str().expect("ascii").to_owned();
    assert!(
        br_etag.starts_with('"') && br_etag.len() > 10,
        "a strong ETag: {br_etag}"
    );

    let (_, body, res) = app
        .send_raw(get(WASM, &[("accept-encoding", "gzip")]))
        .await;
    assert_eq!(
        (body.as_slice(), hv(&res, "content-encoding")),
        (&b"\0asm gz"[..], "gzip")
    );
    let (_, body, res) = app
        .send_raw(get(WASM, &[("accept-encoding", "br;q=0, gzip;q=0")]))
        .await;
    assert_eq!(body, b"\0asm raw");
    assert!(res.headers().get("content-encoding").is_none());
    assert_eq!(res.headers()["vary"], "accept-encoding");
    let (_, body, res) = app.send_raw(get(WASM, &[])).await;
    assert_eq!(body, b"\0asm raw");
    let raw_etag = hv(&res, "etag");
    assert_ne!(
        raw_etag,
        br_etag.as_str(),
        "each copy has its own validator"
    );

    // The loader: the same copies, revalidated on every page.
    let (s, body, res) = app.send_raw(get("/panelcare.js", &[CHROMIUM])).await;
    assert_eq!((s.as_u16(), body.as_slice()), (200, &b"loader br"[..]));
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert_eq!(
        res.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    let (_, body, res) = app.send_raw(get("/adapters/cpanel.js", &[CHROMIUM])).await;
    assert_eq!(
        (body.as_slice(), hv(&res, "cache-control")),
        (&b"adapter br"[..], "no-cache")
    );
}

#[tokio::test]
async fn a_browser_holding_the_copy_gets_304_and_head_gets_headers_only() {
    let dist = built_dist();
    let app = serving(dist.path()).await;
    let (_, _, res) = app.send_raw(get(WASM, &[CHROMIUM])).await;
    let etag = res.headers()["etag"].to_str().expect("ascii").to_owned();
    for held in [
        etag.clone(),
        format!("\"other\", {etag}"),
        format!("W/{etag}"),
        "*".into(),
    ] {
        let (s, body, res) = app
            .send_raw(get(WASM, &[CHROMIUM, ("if-none-match", &held)]))
            .await;
        assert_eq!((s.as_u16(), body.len()), (304, 0), "{held}");
        assert_eq!(res.headers()["etag"], etag.as_str());
        assert_eq!(
            res.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
    }
    // The gzip copy is another representation: the brotli validator does not match it.
    let (s, _, _) = app
        .send_raw(get(
            WASM,
            &[("accept-encoding", "gzip"), ("if-none-match", &etag)],
        ))
        .await;
    assert_eq!(s.as_u16(), 200);

    let req = Request::head(WASM)
        .header(CHROMIUM.0, CHROMIUM.1)
        .body(Body::empty())
        .expect("request");
    let (s, body, res) = app.send_raw(req).await;
    assert_eq!((s.as_u16(), body.len()), (200, 0));
    assert_eq!(
        (hv(&res, "content-length"), hv(&res, "etag")),
        ("7", etag.as_str())
    );

    // A new build of the same name (the loader, say) is a new validator at once.
    std::fs::write(
        dist.path().join("panelcare.js.br"),
        "loader br, next release",
    )
    .expect("write");
    let (_, _, res) = app.send_raw(get("/panelcare.js", &[CHROMIUM])).await;
    let first = res.headers()["etag"].clone();
    std::fs::write(
        dist.path().join("panelcare.js.br"),
        "loader br, the release after",
    )
    .expect("write");
    let (s, body, res) = app
        .send_raw(get(
            "/panelcare.js",
            &[CHROMIUM, ("if-none-match", first.to_str().expect("ascii"))],
        ))
        .await;
    assert_eq!(
        (s.as_u16(), body.as_slice()),
        (200, &b"loader br, the release after"[..])
    );
    assert_ne!(res.headers()["etag"], first);
}

#[tokio::test]
async fn only_the_built_files_are_served() {
    let dist = built_dist();
    std::fs::write(dist.path().join("assets/.hidden"), "secret").expect("write");
    let app = serving(dist.path()).await;
    for path in [
        "/assets/panelcare_bg-0123456789ab.wasm.br",
        "/assets/panelcare_bg-0123456789ab.wasm.gz",
        "/assets/.hidden",
        "/assets/../panelcare.js",
        "/assets/%2e%2e/panelcare.js",
        "/assets/..%2fpanelcare.js",
        "/assets/",
        "/assets/nothing.js",
        "/assets/panelcare_bg-0123456789ab.wasm/x",
        "/adapters/cpanel.js%00",
    ] {
        let (s, body, _) = app.send_raw(get(path, &[CHROMIUM])).await;
        assert_eq!(
            s.as_u16(),
            404,
            "{path}: {}",
            String::from_utf8_lossy(&body)
        );
    }
    // Never cached: a name missing on one instance during an upgrade is there soon after.
    let (s, _, res) = app
        .send_raw(get("/assets/next-release.js", &[CHROMIUM]))
        .await;
    assert_eq!((s.as_u16(), hv(&res, "cache-control")), (404, "no-store"));
    let req = Request::post(WASM).body(Body::empty()).expect("request");
    let (s, _, res) = app.send_raw(req).await;
    assert_eq!((s.as_u16(), hv(&res, "allow")), (405, "GET, HEAD"));
}

#[tokio::test]
async fn the_console_page_is_served_compressed_under_its_policy() {
    let dist = built_dist();
    let app = serving(dist.path()).await;
    let (s, _, res) = app.send_raw(get("/console?next=%2Ftickets", &[])).await;
    assert_eq!(
        (s.as_u16(), hv(&res, "location")),
        (308, "/console/?next=%2Ftickets")
    );
    let req = Request::post("/console")
        .body(Body::empty())
        .expect("request");
    let (s, _, _) = app.send_raw(req).await;
    assert_eq!(s.as_u16(), 405, "only a page view is sent on");
    let (s, _, res) = app.send_raw(get("/console", &[])).await;
    assert_eq!((s.as_u16(), hv(&res, "location")), (308, "/console/"));
    let (s, body, res) = app.send_raw(get("/console/", &[CHROMIUM])).await;
    assert_eq!(
        (s.as_u16(), body.as_slice()),
        (200, &b"<!doctype html>console br"[..])
    );
    let h = res.headers();
    assert_eq!(h["content-type"], "text/html; charset=utf-8");
    assert_eq!(h["x-frame-options"], "DENY");
    assert!(
        h["content-security-policy"]
            .to_str()
            .expect("ascii")
            .contains("default-src 'self'")
    );
    assert_eq!(h["cache-control"], "no-cache");
}

/// The console's own addresses (a ticket, a screen) are its page, which its router draws;
/// a missing file is still a 404, and nothing outside the folder is reached.
#[tokio::test]
async fn the_console_s_addresses_answer_its_page() {
    let dist = built_dist();
    let app = serving(dist.path()).await;
    for path in [
        "/console/tickets/0b7e2f7c-1c1e-4c5e-9d5a-2a7f6f0e9b11",
        "/console/feedback",
        "/console/team/",
    ] {
        let (s, body, res) = app.send_raw(get(path, &[CHROMIUM])).await;
        assert_eq!(
            (s.as_u16(), body.as_slice()),
            (200, &b"<!doctype html>console br"[..]),
            "{path}"
        );
        assert_eq!(res.headers()["x-frame-options"], "DENY", "{path}");
    }
    for path in [
        "/console/assets/console-0123.js",
        "/console/missing.css",
        "/console/../panelcare.js",
        "/console/.hidden",
    ] {
        let (s, _, _) = app.send_raw(get(path, &[CHROMIUM])).await;
        assert_eq!(s.as_u16(), 404, "{path}");
    }
    let req = Request::post("/console/tickets/x")
        .body(Body::empty())
        .expect("request");
    assert_eq!(app.send_raw(req).await.0.as_u16(), 405);
}

#[tokio::test]
async fn api_answers_over_a_kilobyte_are_compressed_on_the_fly() {
    use std::io::Read as _;
    let app = TestApp::new().await;
    app.lift_limits("acme").await;
    let t = token("acme", "alice");
    for n in 0..12 {
        let body = serde_json::json!({"department": "technical", "priority": "normal",
            "subject": format!("Compressed ticket number {n}"), "message": "A message long enough to matter.",
            "attachments": []});
        let req = Request::post("/api/v1/tickets")
            .header("authorization", format!("Bearer {t}"))
            .header("content-type", "application/json")
            .header("idempotency-key", format!("compress-{n:03}"))
            .body(Body::from(body.to_string()))
            .expect("request");
        let (s, b, _) = app.send(req).await;
        assert_eq!(s, 201, "{b}");
    }
    let bearer = format!("Bearer {t}");
    let list = |enc: &'static str| {
        get(
            "/api/v1/tickets",
            &[("authorization", &bearer), ("accept-encoding", enc)],
        )
    };
    let (s, plain, res) = app.send_raw(list("identity")).await;
    assert_eq!(s, 200);
    assert!(
        plain.len() > 1024,
        "a list over a kilobyte: {}",
        plain.len()
    );
    assert!(res.headers().get("content-encoding").is_none());
    let (s, packed, res) = app.send_raw(list("gzip")).await;
    assert_eq!((s.as_u16(), hv(&res, "content-encoding")), (200, "gzip"));
    assert!(
        res.headers()["vary"]
            .to_str()
            .expect("ascii")
            .to_ascii_lowercase()
            .contains("accept-encoding")
    );
    assert!(
        packed.len() < plain.len() / 2,
        "{} of {}",
        packed.len(),
        plain.len()
    );
    let mut unpacked = Vec::new();
    flate2::read::GzDecoder::new(packed.as_slice())
        .read_to_end(&mut unpacked)
        .expect("gzip");
    assert_eq!(unpacked, plain, "the same answer");
    let (_, _, res) = app.send_raw(list("br")).await;
    assert_eq!(res.headers()["content-encoding"], "br");

    // A small answer is sent as it is.
    let (s, small, res) = app
        .send_raw(get(
            "/api/v1/branding",
            &[("authorization", &bearer), CHROMIUM],
        ))
        .await;
    assert_eq!(s, 200, "{}", String::from_utf8_lossy(&small));
    assert!(small.len() < 1024 && res.headers().get("content-encoding").is_none());
}
