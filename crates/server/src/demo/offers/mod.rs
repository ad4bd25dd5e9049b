//! Demo offers: the catalogues and rules (`catalogue`), usage profiles for the demo
//! customers, and a demo billing page's purchase that reports its conversion the way a
//! host's billing would: signed, server to server.

mod catalogue;

pub use catalogue::{acme_catalogue, acme_rules};
use catalogue::{bluefox_overrides, bluefox_rules};

use std::{
    collections::HashMap,
    sync::{LazyLock, Mutex},
};

use axum::{
    Json, Router,
    body::Bytes,
    extract::{Query, State},
    http::{HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use panelcare_model::{
    ErrorCode,
    offers::{Catalogue, ItemKind, Limit, Metric, Overrides},
};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::{
    db::Db,
    demo,
    error::{AppError, AppResult},
    extract::ApiJson,
    offers::{conversions, store},
    state::AppState,
};

const GB: f64 = 1024.0 * 1024.0 * 1024.0;

/// What was bought on the demo billing page: (account, "plan" | "support") → id. Forgotten
/// at restart, so every demo starts from the seeded plans.
static BOUGHT: LazyLock<Mutex<HashMap<(String, &'static str), String>>> =
    LazyLock::new(Mutex::default);

/// The demo customer's plan (`kind` "plan") or support tier ("support") now: the seeded one
/// until they buy another.
pub fn current(account: &str, kind: &'static str, seeded: &str) -> String {
    BOUGHT
        .lock()
        .ok()
        .and_then(|b| b.get(&(account.to_owned(), kind)).cloned())
        .unwrap_or_else(|| seeded.to_owned())
}

pub fn buy(account: &str, kind: &'static str, id: &str) {
    if let Ok(mut b) = BOUGHT.lock() {
        b.insert((account.to_owned(), kind), id.to_owned());
    }
}

/// Seeds what a tenant has not written yet; later edits in the console are kept.
pub async fn seed(db: &Db) -> Result<(), sqlx::Error> {
    if store::own_catalogue(db, demo::TENANT_ID).await? == Catalogue::default() {
        store::save_catalogue(db, demo::TENANT_ID, &acme_catalogue()).await?;
    }
    if store::reseller(db, demo::RESELLER_ID, demo::TENANT_ID)
        .await?
        .overrides
        == Overrides::default()
    {
        store::save_overrides(db, demo::RESELLER_ID, &bluefox_overrides()).await?;
    }
    for (tenant, rules) in [
        (demo::TENANT_ID, acme_rules()),
        (demo::RESELLER_ID, bluefox_rules()),
    ] {
        if store::rules(db, tenant).await?.is_empty() {
            store::save_rules(db, tenant, &rules).await?;
        }
    }
    super::offer_history::seed(db).await
}

/// How much a demo customer uses, by profile (`?usage=` on the demo pages).
pub fn used(account: &str, profile: &str) -> [(Metric, f64); 5] {
    use Metric::{Bandwidth, Databases, Disk, Inodes, MailAccounts};
    match (account, profile) {
        (_, "light") => [
            (Disk, 1.2 * GB),
            (Bandwidth, 12.4 * GB),
            (MailAccounts, 3.0),
            (Databases, 1.0),
            (Inodes, 21_400.0),
        ],
        ("milica", _) => [
            (Disk, 31.5 * GB),
            (Bandwidth, 431.0 * GB),
            (MailAccounts, 18.0),
            (Databases, 6.0),
            (Inodes, 402_000.0),
        ],
        ("boris", _) => [
            (Disk, 4.8 * GB),
            (Bandwidth, 61.0 * GB),
            (MailAccounts, 4.0),
            (Databases, 2.0),
            (Inodes, 96_300.0),
        ],
        _ => [
            (Disk, 4.6 * GB),
            (Bandwidth, 38.2 * GB),
            (MailAccounts, 7.0),
            (Databases, 3.0),
            (Inodes, 48_210.0),
        ],
    }
}

/// `/demo-api/usage`, `/demo-api/purchase` and, with `--test-clock`, `/demo-api/clock`.
pub fn router(test_clock: bool) -> Router<AppState> {
    let r = Router::new()
        .route("/demo-api/usage", get(usage))
        .route("/demo-api/purchase", post(purchase));
    if test_clock {
        r.route("/demo-api/clock", post(clock))
    } else {
        r
    }
}

fn customer(account: &str) -> AppResult<&'static demo::DemoCustomer> {
    demo::CUSTOMERS
        .iter()
        .find(|c| c.account == account)
        .ok_or_else(|| AppError::client(ErrorCode::NotFound, "No such demo customer."))
}

#[derive(Deserialize)]
struct UsageQuery {
    account: String,
    #[serde(default)]
    usage: String,
}

/// What a panel reports for the demo customer: the profile's use, the current plan's limits
/// (after an upgrade on the demo billing page, the new plan's).
async fn usage(
    State(state): State<AppState>,
    Query(q): Query<UsageQuery>,
) -> AppResult<Json<Value>> {
    let c = customer(&q.account)?;
    let catalogue = store::catalogue(&state.db, c.tenant).await?;
    let plan = current(c.account, "plan", c.plan);
    let limits = catalogue
        .find(ItemKind::Plan, &plan)
        .map(|p| p.limits.clone())
        .unwrap_or_default();
    let mut out = serde_json::Map::new();
    for (metric, used) in used(c.account, &q.usage) {
        let limit = match limits.get(&metric) {
            Some(Limit::Of(v)) => json!(v),
            _ => Value::Null,
        };
        out.insert(
            metric.as_str().into(),
            json!({ "used": used, "limit": limit }),
        );
    }
    out.insert("service_id".into(), json!(format!("svc-{}", c.account)));
    out.insert("plan".into(), json!(plan));
    Ok(Json(Value::Object(out)))
}

#[derive(Deserialize)]
struct Purchase {
    account: String,
    /// `plan:pro`, `support:premium`.
    target: String,
}

/// The demo billing page's "confirm": switches the customer's plan (or tier) and reports the
/// purchase to the conversions endpoint exactly as a host's billing would, signed with the
/// tenant's key.
async fn purchase(
    State(state): State<AppState>,
    ApiJson(p): ApiJson<Purchase>,
) -> AppResult<Response> {
    let c = customer(&p.account)?;
    let catalogue = store::catalogue(&state.db, c.tenant).await?;
    let (kind, item) = catalogue.item(&p.target).ok_or_else(|| {
        AppError::client(ErrorCode::NotFound, "The demo catalogue has no such item.")
    })?;
    match kind {
        ItemKind::Plan => buy(c.account, "plan", &item.id),
        ItemKind::Support => buy(c.account, "support", &item.sla_tier),
        ItemKind::Addon => {}
    }
    let order = format!("demo-{}-{}", c.account, crate::time::now_ms());
    let body = serde_json::to_string(&json!({
        "tenant": c.tenant, "account": c.account, "target": p.target, "order_id": order,
    }))
    .unwrap_or_default();
    let ts = crate::time::now_secs();
    let secret = if c.tenant == demo::RESELLER_ID {
        demo::RESELLER_SECRET
    } else {
        demo::SECRET
    };
    let mut headers = HeaderMap::new();
    for (name, value) in [
        ("x-panelcare-key", demo::KID.to_owned()),
        ("x-panelcare-timestamp", ts.to_string()),
        (
            "x-panelcare-signature",
            crate::outbound::signature(secret, ts, &body),
        ),
    ] {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(name, v);
        }
    }
    Ok(
        conversions::report(State(state), headers, Bytes::from(body))
            .await
            .into_response(),
    )
}

#[derive(Deserialize)]
struct Advance {
    days: i64,
}

/// Moves the server's clock forward (test runs only): `{"days": 8}`.
async fn clock(ApiJson(a): ApiJson<Advance>) -> AppResult<Json<Value>> {
    if !(0..=400).contains(&a.days) {
        return Err(AppError::client(
            ErrorCode::ValidationFailed,
            "Move the clock 0 to 400 days.",
        ));
    }
    let now = crate::time::shift(a.days * 86_400_000);
    Ok(Json(json!({ "now": crate::time::rfc3339(now) })))
}
