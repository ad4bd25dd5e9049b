//! Admins manage console accounts and signing keys of the tenants they administer.

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use panelcare_server::auth::sign;
use serde_json::json;

#[tokio::test]
async fn admins_add_and_remove_accounts_within_their_tenants() {
    let app = TestApp::new().await;
    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let new = json!({"tenant_id": "bluefox", "email": "new@bluefox.test", "name": "New Agent", "role": "agent"});
    let (s, created, _) = app
        .send(bea.req("POST", "/console/api/agents", Some(new.clone())))
        .await;
    assert_eq!(s, 201, "{created}");
    let password = created["password"]
        .as_str()
        .expect("password shown once")
        .to_owned();
    let (cookie, _) = app.sign_in("new@bluefox.test", &password).await;

    let (s, b, _) = app
        .send(bea.req("POST", "/console/api/agents", Some(new)))
        .await;
    assert_eq!(
        (s.as_u16(), fields(&b)[0].0.as_str()),
        (422, "email"),
        "duplicate e-mail"
    );
    for (body, field) in [
        (
            json!({"tenant_id": "bluefox", "email": "x@bluefox.test", "name": "X", "role": "provider_admin"}),
            "role",
        ),
        (
            json!({"tenant_id": "bluefox", "email": "not an email", "name": "X", "role": "agent"}),
            "email",
        ),
        (
            json!({"tenant_id": "bluefox", "email": "y@bluefox.test", "name": " ", "role": "agent"}),
            "name",
        ),
    ] {
        let (s, b, _) = app
            .send(bea.req("POST", "/console/api/agents", Some(body)))
            .await;
        assert_eq!((s.as_u16(), fields(&b)[0].0.as_str()), (422, field));
    }
    let other = json!({"tenant_id": "acme", "email": "z@acme.test", "name": "Z", "role": "agent"});
    let (s, _, _) = app
        .send(bea.req("POST", "/console/api/agents", Some(other)))
        .await;
    assert_eq!(
        s, 404,
        "a reseller admin cannot add accounts to its provider"
    );

    let (_, team, _) = app.send(bea.req("GET", "/console/api/agents", None)).await;
    let emails: Vec<&str> = team
        .as_array()
        .expect("team")
        .iter()
        .filter_map(|a| a["email"].as_str())
        .collect();
    assert_eq!(emails, ["bea@bluefox.test", "new@bluefox.test"]);

    let id = created["agent"]["id"].as_str().expect("id");
    let (s, _, _) = app
        .send(bea.req("DELETE", &format!("/console/api/agents/{id}"), None))
        .await;
    assert_eq!(s, 204);
    // Removed: the session ends at once and the password stops working.
    let me = Request::get("/console/api/me")
        .header("cookie", &cookie)
        .body(Body::empty())
        .expect("request");
    let (s, b, _) = app.send(me).await;
    assert_eq!((s.as_u16(), code(&b)), (401, "not_signed_in"));
    let login = Request::post("/console/api/login")
        .header("content-type", "application/json")
        .body(Body::from(
            json!({"email": "new@bluefox.test", "password": password}).to_string(),
        ))
        .expect("request");
    let (s, b, _) = app.send(login).await;
    assert_eq!((s.as_u16(), code(&b)), (401, "invalid_credentials"));
    let (_, team, _) = app.send(bea.req("GET", "/console/api/agents", None)).await;
    assert_eq!(team.as_array().map(Vec::len), Some(1));

    // The address is free again: a new account gets it, with its own id and password.
    let again = json!({"tenant_id": "bluefox", "email": "NEW@bluefox.test", "name": "New Again", "role": "agent"});
    let (s, back, _) = app
        .send(bea.req("POST", "/console/api/agents", Some(again)))
        .await;
    assert_eq!(s, 201, "{back}");
    assert_ne!(back["agent"]["id"], created["agent"]["id"]);
    let login = |pw: &str| {
        Request::post("/console/api/login")
            .header("content-type", "application/json")
            .body(Body::from(
                json!({"email": "new@bluefox.test", "password": pw}).to_string(),
            ))
            .expect("request")
    };
    let (s, _, _) = app.send(login(&password)).await;
    assert_eq!(
        s, 401,
        "the removed account's password does not open the new one"
    );
    let (s, me, _) = app
        .send(login(back["password"].as_str().expect("password")))
        .await;
    assert_eq!(
        (s.as_u16(), me["agent"]["name"].as_str()),
        (200, Some("New Again")),
        "{me}"
    );
    // The audit log still names the removed account by its address.
    let (_, log, _) = app.send(bea.req("GET", "/console/api/audit", None)).await;
    let removed = log
        .as_array()
        .expect("log")
        .iter()
        .find(|e| e["action"] == "agent.remove")
        .expect("removal audited");
    assert_eq!(removed["subject"], "new@bluefox.test");
}

#[tokio::test]
async fn who_may_manage_whom() {
    let app = TestApp::new().await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let andrej = signed_in(&app, "acme", "andrej", Role::Agent).await;
    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    // A provider admin may create a reseller admin for its reseller.
    let body = json!({"tenant_id": "bluefox", "email": "b2@bluefox.test", "name": "B2", "role": "reseller_admin"});
    let (s, _, _) = app
        .send(ada.req("POST", "/console/api/agents", Some(body)))
        .await;
    assert_eq!(s, 201);
    // Agents manage nobody.
    for req in [
        andrej.req("GET", "/console/api/agents", None),
        andrej.req(
            "POST",
            "/console/api/agents",
            Some(
                json!({"tenant_id": "acme", "email": "q@acme.test", "name": "Q", "role": "agent"}),
            ),
        ),
        andrej.req("GET", "/console/api/tenants/acme/keys", None),
    ] {
        let (s, b, _) = app.send(req).await;
        assert_eq!((s.as_u16(), code(&b)), (404, "not_found"));
    }
    // A reseller admin cannot remove its provider's people, nor itself.
    let (_, team, _) = app.send(ada.req("GET", "/console/api/agents", None)).await;
    let id_of = |email: &str| {
        team.as_array()
            .expect("team")
            .iter()
            .find(|a| a["email"] == email)
            .and_then(|a| a["id"].as_str())
            .expect("id")
            .to_owned()
    };
    let (s, _, _) = app
        .send(bea.req(
            "DELETE",
            &format!("/console/api/agents/{}", id_of("andrej@acme.test")),
            None,
        ))
        .await;
    assert_eq!(s, 404);
    let (s, b, _) = app
        .send(bea.req(
            "DELETE",
            &format!("/console/api/agents/{}", id_of("bea@bluefox.test")),
            None,
        ))
        .await;
    assert_eq!((s.as_u16(), code(&b)), (422, "validation_failed"));
}

#[tokio::test]
async fn keys_rotate_without_a_gap_and_the_last_one_stays() {
    let app = TestApp::new().await;
    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let (s, key, _) = app
        .send(bea.req(
            "POST",
            "/console/api/tenants/bluefox/keys",
            Some(json!({"kid": "k2"})),
        ))
        .await;
    assert_eq!(s, 201, "{key}");
    let secret = key["secret"]
        .as_str()
        .expect("secret shown once")
        .to_owned();
    let (_, keys, _) = app
        .send(bea.req("GET", "/console/api/tenants/bluefox/keys", None))
        .await;
    assert_eq!(keys.as_array().map(Vec::len), Some(2));
    assert!(
        !keys.to_string().contains(&secret),
        "secrets are never listed"
    );

    let old = token("bluefox", "milica");
    let new = sign(&claims("bluefox", "milica"), "k2", &secret);
    for t in [&old, &new] {
        let (s, _, _) = app.send(get("/api/v1/feedback", t)).await;
        assert_eq!(s, 200, "both keys live during rotation");
    }
    let (s, _, _) = app
        .send(bea.req("DELETE", "/console/api/tenants/bluefox/keys/k1", None))
        .await;
    assert_eq!(s, 204);
    let (s, b, _) = app.send(get("/api/v1/feedback", &old)).await;
    assert_eq!(
        (s.as_u16(), code(&b)),
        (401, "invalid_token"),
        "the removed key stops at once"
    );
    let (s, _, _) = app.send(get("/api/v1/feedback", &new)).await;
    assert_eq!(s, 200);

    let (s, b, _) = app
        .send(bea.req("DELETE", "/console/api/tenants/bluefox/keys/k2", None))
        .await;
    assert_eq!(
        (s.as_u16(), code(&b)),
        (422, "validation_failed"),
        "the last key stays"
    );
    for bad in ["", "has space", "k2", &"k".repeat(41)] {
        let (s, _, _) = app
            .send(bea.req(
                "POST",
                "/console/api/tenants/bluefox/keys",
                Some(json!({"kid": bad})),
            ))
            .await;
        assert_eq!(s, 422, "{bad:?}");
    }
    let (s, _, _) = app
        .send(bea.req(
            "POST",
            "/console/api/tenants/acme/keys",
            Some(json!({"kid": "evil"})),
        ))
        .await;
    assert_eq!(s, 404);

    let (_, log, _) = app.send(bea.req("GET", "/console/api/audit", None)).await;
    let actions: Vec<&str> = log
        .as_array()
        .expect("log")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(actions, ["key.remove", "key.add"]);
}
