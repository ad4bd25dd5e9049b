//! Demo offers: Acme's catalogue (Starter → Pro → Business VPS, add-ons, premium support)
//! and rules, BlueFox's overrides and rules, usage profiles for the demo customers, and a
//! demo billing page's purchase that reports its conversion the way a host's billing would:
//! signed, server to server.

use std::{
    collections::{BTreeMap, HashMap},
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
    offers::{
        Cap, Catalogue, Item, ItemKind, Limit, Metric, Override, Overrides, Period, Price,
        ResellerCatalogue, Rule, Variant, Wording,
    },
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

fn eur(cents: i64, period: Period) -> Price {
    Price {
        cents,
        currency: "EUR".into(),
        period,
    }
}

fn item(id: &str, name: &str, description: &str, price: Price) -> Item {
    Item {
        id: id.into(),
        name: name.into(),
        description: description.into(),
        price,
        limits: BTreeMap::new(),
        sla_tier: String::new(),
        cta_url: String::new(),
    }
}

fn plan(id: &str, name: &str, cents: i64, limits: [(Metric, Limit); 5]) -> Item {
    Item {
        limits: limits.into_iter().collect(),
        ..item(id, name, "", eur(cents, Period::Month))
    }
}

/// Where the demo's offer buttons lead: the demo billing page beside the demo panels.
const BILLING: &str = "/demo/billing.html?account={account.id}&target={target.id}";

pub fn acme_catalogue() -> Catalogue {
    use Limit::{Of, Unlimited};
    use Metric::{Bandwidth, Databases, Disk, Inodes, MailAccounts};
    let mut premium = item(
        "premium",
        "Premium support",
        "Critical problems answered within 15 minutes, day and night.",
        eur(1900, Period::Month),
    );
    premium.sla_tier = "premium".into();
    premium.cta_url = format!("{BILLING}&kind=support");
    Catalogue {
        plans: vec![
            plan(
                "starter",
                "Starter",
                400,
                [
                    (Disk, Of(5.0 * GB)),
                    (Bandwidth, Of(100.0 * GB)),
                    (MailAccounts, Of(10.0)),
                    (Databases, Of(5.0)),
                    (Inodes, Of(250_000.0)),
                ],
            ),
            plan(
                "pro",
                "Pro",
                900,
                [
                    (Disk, Of(50.0 * GB)),
                    (Bandwidth, Of(500.0 * GB)),
                    (MailAccounts, Of(50.0)),
                    (Databases, Of(25.0)),
                    (Inodes, Of(1_000_000.0)),
                ],
            ),
            plan(
                "business-vps",
                "Business VPS",
                2900,
                [
                    (Disk, Of(200.0 * GB)),
                    (Bandwidth, Unlimited),
                    (MailAccounts, Unlimited),
                    (Databases, Unlimited),
                    (Inodes, Unlimited),
                ],
            ),
        ],
        addons: vec![
            item(
                "backups",
                "Daily off-site backups",
                "Every site and database, kept 30 days.",
                eur(200, Period::Month),
            ),
            item(
                "ssl-pro",
                "Extended validation SSL",
                "",
                eur(4900, Period::Year),
            ),
            item(
                "security",
                "Malware scan and firewall",
                "",
                eur(300, Period::Month),
            ),
        ],
        support: vec![premium],
        link_origins: Vec::new(),
    }
}

fn rule(
    id: &str,
    name: &str,
    priority: i32,
    when: &[&str],
    offer: &str,
    headline: &str,
    body: &str,
) -> Rule {
    Rule {
        id: id.into(),
        name: name.into(),
        enabled: true,
        priority,
        when: when.iter().map(|s| (*s).to_owned()).collect(),
        offer: offer.into(),
        headline: headline.into(),
        body: body.into(),
        texts: BTreeMap::new(),
        cta_url: BILLING.into(),
        snooze_days: 7,
        cap: Cap {
            impressions: 20,
            per_days: 7,
        },
        variants: Vec::new(),
    }
}

fn wording(headline: &str, body: &str) -> Wording {
    Wording {
        headline: headline.into(),
        body: body.into(),
    }
}

pub fn acme_rules() -> Vec<Rule> {
    let mut disk = rule(
        "starter-disk-pro",
        "Starter close to its disk space → Pro",
        100,
        &["plan == starter", "disk.percent >= 80"],
        "plan:pro",
        "You use {disk.used} of your {disk.limit} disk space",
        "{target.name} gives you {target.disk} of disk, {target.mail_accounts} mail accounts and {target.databases} databases for {price.diff}.",
    );
    disk.texts.insert("ru".into(), wording(
        "Занято {disk.used} из {disk.limit} на диске",
        "{target.name}: {target.disk} на диске, {target.mail_accounts} почтовых ящиков и {target.databases} баз данных за {price.diff}",
    ));
    disk.variants = vec![
        Variant {
            id: "plain".into(),
            weight: 50,
            headline: String::new(),
            body: String::new(),
        },
        Variant {
            id: "urgent".into(),
            weight: 50,
            headline: "Your disk is {disk.percent} full".into(),
            body: String::new(),
        },
    ];
    let mut mail = rule(
        "starter-mail-pro",
        "Starter out of mail accounts → Pro",
        60,
        &["plan == starter", "mail_accounts.percent >= 90"],
        "plan:pro",
        "{mail_accounts.used} of {mail_accounts.limit} mail accounts in use",
        "{target.name} has room for {target.mail_accounts} mail accounts, for {price.diff}.",
    );
    mail.texts.insert(
        "ru".into(),
        wording(
            "Занято {mail_accounts.used} из {mail_accounts.limit} почтовых ящиков",
            "В тарифе {target.name} — {target.mail_accounts} ящиков, {price.diff}.",
        ),
    );
    let mut vps = rule(
        "pro-growth-vps",
        "Pro outgrowing shared hosting → Business VPS",
        90,
        &["plan == pro", "bandwidth.percent >= 80"],
        "plan:business-vps",
        "{bandwidth.used} of {bandwidth.limit} traffic used this month",
        "{target.name} comes with {target.disk} of disk and {target.bandwidth} traffic, for {price.diff}.",
    );
    vps.texts.insert(
        "ru".into(),
        wording(
            "Трафик: {bandwidth.used} из {bandwidth.limit}",
            "{target.name}: {target.disk} на диске, трафик {target.bandwidth}, {price.diff}.",
        ),
    );
    let mut backups = rule(
        "databases-backups",
        "Several databases → off-site backups",
        10,
        &["databases.used >= 3"],
        "addon:backups",
        "Keep your {databases.used} databases safe",
        "{target.name}: {target.price}. Restore any day of the last month in one click.",
    );
    backups.texts.insert("ru".into(), wording("Сохраните свои {databases.used} базы данных", "{target.name}: {target.price}. Восстановление любого дня за последний месяц в один клик."));
    let support = rule(
        "urgent-tickets-premium",
        "Several urgent tickets → premium support",
        80,
        &["support_tier == standard", "tickets.urgent >= 2"],
        "support:premium",
        "Urgent problems answered within 15 minutes",
        "{target.name}: a first answer to critical tickets within 15 minutes, day and night, for {target.price}.",
    );
    vec![disk, vps, support, mail, backups]
}

fn bluefox_overrides() -> ResellerCatalogue {
    let items = BTreeMap::from([
        (
            "addon:ssl-pro".into(),
            Override {
                hidden: true,
                ..Override::default()
            },
        ),
        (
            "plan:business-vps".into(),
            Override {
                hidden: false,
                name: Some("BlueFox VPS".into()),
                price: Some(eur(3200, Period::Month)),
            },
        ),
        (
            "plan:pro".into(),
            Override {
                hidden: false,
                name: Some("Fox Pro".into()),
                price: None,
            },
        ),
    ]);
    ResellerCatalogue {
        provider: Catalogue::default(),
        overrides: Overrides { items },
        link_origins: Vec::new(),
    }
}

fn bluefox_rules() -> Vec<Rule> {
    let mut vps = rule(
        "pro-growth-vps",
        "Fox Pro outgrowing shared hosting → BlueFox VPS",
        90,
        &["plan == pro", "bandwidth.percent >= 80"],
        "plan:business-vps",
        "{bandwidth.used} of {bandwidth.limit} traffic used this month",
        "{target.name} comes with {target.disk} of disk and unlimited traffic, for {price.diff}.",
    );
    vps.texts.insert("sr-Latn".into(), wording(
        "Potrošeno {bandwidth.used} od {bandwidth.limit} saobraćaja ovog meseca",
        "{target.name} donosi {target.disk} prostora i saobraćaj bez ograničenja, za {price.diff}.",
    ));
    vec![vps]
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
