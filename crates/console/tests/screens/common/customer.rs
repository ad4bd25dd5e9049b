//! A demo customer's own calls to the widget API, for screens that show what customers did
//! (a ticket's deliveries to a helpdesk): an identity token signed as the demo panel's backend
//! signs it, with the tenant's published demo key.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::server::server;

#[wasm_bindgen(inline_js = r#"
const utf8 = new TextEncoder();
const b64url = (bytes) =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const part = (obj) => b64url(utf8.encode(JSON.stringify(obj)));

// An HS256 token with the tenant's key, valid for ten minutes, as a panel's backend signs it.
export async function customer_token(tenant, secret, account) {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: tenant, sub: account, aud: "panelcare", iat: now, exp: now + 600,
    name: `Test ${account}`, email: `${account}@customers.example`, plan: "starter", locale: "en",
  };
  const unsigned = `${part({ alg: "HS256", typ: "JWT", kid: "demo-1" })}.${part(claims)}`;
  const key = await crypto.subtle.importKey(
    "raw", utf8.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, utf8.encode(unsigned)));
  return `${unsigned}.${b64url(mac)}`;
}
"#)]
extern "C" {
    fn customer_token(tenant: &str, secret: &str, account: &str) -> js_sys::Promise;
}

/// The demo tenants' published signing secrets (`crates/server/src/demo/mod.rs`).
fn secret(tenant: &str) -> &'static str {
    match tenant {
        "acme" => "demo-secret-acme-not-for-production",
        "bluefox" => "demo-secret-bluefox-not-for-production",
        other => panic!("no demo key for {other}"),
    }
}

/// Opens a ticket as `account`, a customer of `tenant`, through the widget API.
pub async fn open_ticket(tenant: &str, account: &str, subject: &str) {
    let token = JsFuture::from(customer_token(tenant, secret(tenant), account))
        .await
        .unwrap()
        .as_string()
        .unwrap();
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    let headers = web_sys::Headers::new().unwrap();
    headers.set("Content-Type", "application/json").unwrap();
    headers
        .set("Authorization", &format!("Bearer {token}"))
        .unwrap();
    headers
        .set("Idempotency-Key", &super::unique("ticket"))
        .unwrap();
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&format!(
        r#"{{"department":"technical","priority":"normal","subject":"{subject}","message":"Opened by a console test."}}"#
    )));
    let (status, body) = super::server::send(&format!("{}/api/v1/tickets", server()), &init).await;
    assert_eq!(status, 201, "a ticket for {account}: {body}");
}
