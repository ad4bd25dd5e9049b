//! Demo mode: seeded tenants and customers, and the endpoints that play the host's backend
//! (token signing here; usage and billing in [`offers`]) for the demo panel pages.
//!
//! None of this is mounted unless the server runs with `--demo`.

mod console_cors;
mod history;
mod ideas;
mod offer_history;
pub mod offers;
mod queue;
mod support;
mod ticket;

use axum::{Json, Router, extract::Query, routing::get};
use panelcare_model::{AUDIENCE, NewFeedback};
use panelcare_model::{
    Lang,
    branding::{Branding, LauncherSide, Texts},
    console::Role,
};
use serde::{Deserialize, Serialize};

use crate::{
    agents,
    auth::{self, Claims, Customer},
    db::Db,
    error::{AppError, AppResult},
    feedback,
    state::AppState,
    tenants,
};

pub const TENANT_ID: &str = "acme";
pub const TENANT_NAME: &str = "Acme Hosting";
pub const KID: &str = "demo-1";
/// Published on purpose: demo tokens protect nothing.
pub const SECRET: &str = "demo-secret-acme-not-for-production";

pub const RESELLER_ID: &str = "bluefox";
pub const RESELLER_NAME: &str = "BlueFox Web";
pub const RESELLER_SECRET: &str = "demo-secret-bluefox-not-for-production";

/// Console accounts of the demo; all share [`ADMIN_PASSWORD`], printed at start-up.
pub const ADMINS: [(&str, &str, &str, Role); 3] = [
    (
        TENANT_ID,
        "admin@acme-hosting.example",
        "Ada Admin",
        Role::ProviderAdmin,
    ),
    (
        TENANT_ID,
        "agent@acme-hosting.example",
        "Andrej Agent",
        Role::Agent,
    ),
    (
        RESELLER_ID,
        "admin@bluefox.example",
        "Bea BlueFox",
        Role::ResellerAdmin,
    ),
];
pub const ADMIN_PASSWORD: &str = "demo-password";

/// A customer of the demo panel.
#[derive(Debug, Clone, Copy)]
pub struct DemoCustomer {
    pub tenant: &'static str,
    pub account: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub plan: &'static str,
    pub locale: &'static str,
    /// Support tier: picks the tenant's SLA policy.
    pub tier: &'static str,
    /// The hosting server the account lives on.
    pub server: &'static str,
}

/// Alice and Boris buy from Acme; Milica from its white-labelled reseller BlueFox.
pub const CUSTOMERS: [DemoCustomer; 3] = [
    DemoCustomer {
        tenant: TENANT_ID,
        account: "alice",
        name: "Alice Baker",
        email: "alice@alice-bakery.example",
        plan: "starter",
        locale: "en",
        tier: "standard",
        server: "web-07.acme-hosting.example",
    },
    DemoCustomer {
        tenant: TENANT_ID,
        account: "boris",
        name: "Борис Петров",
        email: "boris@petrov-studio.example",
        plan: "starter",
        locale: "ru",
        tier: "standard",
        server: "web-03.acme-hosting.example",
    },
    DemoCustomer {
        tenant: RESELLER_ID,
        account: "milica",
        name: "Milica Jovanović",
        email: "milica@jovanovic.example",
        plan: "pro",
        locale: "sr-Latn",
        tier: "premium",
        server: "fox-01.bluefox.example",
    },
];

/// BlueFox's own look, so the demo shows white-labelling from the first start.
fn bluefox_branding() -> Branding {
    Branding {
        product_name: "BlueFox Care".into(),
        primary: "#0f766e".into(),
        accent: "#c2410c".into(),
        radius: Some(14),
        font: "Verdana, Geneva, sans-serif".into(),
        // BlueFox's customers see BlueFox only.
        hide_powered_by: true,
        // BlueFox prefers the floating launcher, in the bottom left corner, beside the boxes.
        launcher: true,
        launcher_side: LauncherSide::Left,
        // Serbian first: a customer whose panel speaks Russian gets Serbian.
        languages: vec!["sr-Latn".into(), "en".into()],
        strings: bluefox_texts(),
        ..Branding::default()
    }
}

fn bluefox_texts() -> Texts {
    let mut t = Texts::default();
    for (lang, title, submit) in [
        (Lang::En, "Suggestions for BlueFox", "Send to BlueFox"),
        (Lang::SrLatn, "Predlozi za BlueFox", "Pošalji BlueFox-u"),
    ] {
        t.set(lang, "title", title);
        t.set(lang, "submit", submit);
    }
    t
}

/// Acme speaks English and Russian and keeps our wording.
fn acme_branding() -> Branding {
    Branding {
        languages: vec!["en".into(), "ru".into()],
        ..Branding::default()
    }
}

pub use console_cors::console_test_cors;

pub fn router(test_clock: bool) -> Router<AppState> {
    Router::new()
        .route("/demo-api/token", get(token))
        .merge(offers::router(test_clock))
}

/// Demo mode's start on `db`: refuses an unmarked database that has any tenant, marks
/// the database as the demo's (so a production server refuses it), then seeds it.
pub async fn start(db: &Db) -> Result<(), Box<dyn std::error::Error>> {
    let marked = crate::db::marks::is_set(db, crate::db::marks::DEMO).await?;
    if !marked {
        // Any tenant at all is refused, the demo's own ids included: a real provider may
        // have called its tenant `acme`, and the seed would add a published signing key and
        // a published admin password to it. (A demo database from before the mark is refused
        // too; it is a demo's, so deleting it costs nothing.)
        let found = tenants::store::ids(db).await?;
        if !found.is_empty() {
            return Err(format!(
                "refusing demo mode: this database already has tenants ({}) and demo mode did \
                 not make it. Demo mode adds signing keys and console accounts whose secrets and \
                 passwords are published; run the demo on a database of its own (--db \
                 demo.sqlite, or a new PostgreSQL database), never on a real one. An old demo \
                 database can be deleted and made again",
                found.join(", ")
            )
            .into());
        }
    }
    // Before the seed, so a start that stops half-way still leaves the database marked.
    crate::db::marks::set(db, crate::db::marks::DEMO).await?;
    seed(db).await?;
    Ok(())
}

/// Creates the demo tenant, its key and a few earlier suggestions; safe to run at every start.
pub async fn seed(db: &Db) -> Result<(), AppError> {
    tenants::store::create(db, TENANT_ID, TENANT_NAME, None).await?;
    agents::store::put_key(db, TENANT_ID, KID, SECRET).await?;
    tenants::store::create(db, RESELLER_ID, RESELLER_NAME, Some(TENANT_ID)).await?;
    agents::store::put_key(db, RESELLER_ID, KID, RESELLER_SECRET).await?;
    for (tenant, email, name, role) in ADMINS {
        match agents::store::create(db, tenant, email, name, role, ADMIN_PASSWORD).await {
            Ok(_) | Err(agents::store::CreateError::EmailTaken(_)) => {}
            Err(e) => return Err(AppError::Internal(e.to_string())),
        }
    }
    // Each look is seeded once; later edits in the console are kept.
    for (tenant, branding) in [
        (RESELLER_ID, bluefox_branding()),
        (TENANT_ID, acme_branding()),
    ] {
        let json =
            serde_json::to_string(&branding).map_err(|e| AppError::Internal(e.to_string()))?;
        crate::branding::store::seed_if_unset(db, tenant, &json).await?;
    }
    support::seed(db).await?;
    offers::seed(db).await?;
    ideas::seed(db).await?;
    let earlier = [
        (
            &CUSTOMERS[0],
            "seed-alice-1",
            "idea",
            "Please add one-click staging for WordPress sites.",
            Some(4),
        ),
        (
            &CUSTOMERS[0],
            "seed-alice-2",
            "problem",
            "Webmail was slow this morning around 9:00.",
            Some(2),
        ),
        (
            &CUSTOMERS[2],
            "seed-milica-1",
            "praise",
            "Podrška je odgovorila za deset minuta. Hvala!",
            Some(5),
        ),
    ];
    for (who, key, category, message, rating) in earlier {
        let body = NewFeedback {
            category: category.into(),
            message: message.into(),
            rating,
            page: Some("https://panel.acme-hosting.example/frontend/jupiter/index.html".into()),
            share: false,
        };
        let valid = body
            .validate()
            .map_err(|_| AppError::Internal("bad seed".into()))?;
        feedback::store::create(db, &customer(who), key, &valid).await?;
    }
    // Backdate the seeds so the widget shows a history, and answer the first one as the
    // provider would; only rows still fresh from this start are touched.
    let day = 86_400_000;
    let now = crate::time::now_ms();
    for (who, key, days_ago) in [
        (&CUSTOMERS[0], "seed-alice-1", 9),
        (&CUSTOMERS[0], "seed-alice-2", 2),
        (&CUSTOMERS[2], "seed-milica-1", 4),
    ] {
        feedback::store::backdate_seed(db, who.tenant, key, now - days_ago * day, now - day)
            .await?;
    }
    feedback::store::answer_seed_alice_1(
        db,
        TENANT_ID,
        day,
        "Thank you, Alice! Staging is planned for the spring release; we will write when it is live.",
    )
    .await?;
    Ok(())
}

fn customer(c: &DemoCustomer) -> Customer {
    Customer {
        tenant_id: c.tenant.into(),
        account_id: c.account.into(),
        name: Some(c.name.into()),
        email: Some(c.email.into()),
        plan: Some(c.plan.into()),
        locale: Some(c.locale.into()),
        support_tier: Some(c.tier.into()),
        server: Some(c.server.into()),
    }
}

#[derive(Deserialize)]
pub(crate) struct Who {
    pub account: String,
}

#[derive(Serialize)]
struct Token {
    token: String,
    /// Seconds until the token expires, so the adapter knows when to ask again.
    expires_in: i64,
}

/// What a host's backend does: signs a short-lived token for the signed-in customer.
async fn token(Query(who): Query<Who>) -> AppResult<Json<Token>> {
    let c = CUSTOMERS
        .iter()
        .find(|c| c.account == who.account)
        .ok_or_else(AppError::not_found)?;
    let now = crate::time::now_secs();
    let lifetime = 10 * 60;
    let claims = Claims {
        iss: c.tenant.into(),
        sub: c.account.into(),
        aud: AUDIENCE.into(),
        iat: now,
        exp: now + lifetime,
        nbf: None,
        name: Some(c.name.into()),
        email: Some(c.email.into()),
        // What the customer bought on the demo billing page, else what they started on.
        plan: Some(offers::current(c.account, "plan", c.plan)),
        locale: Some(c.locale.into()),
        support_tier: Some(offers::current(c.account, "support", c.tier)),
        server: Some(c.server.into()),
    };
    // Each tenant signs with its own key, as each reseller's panel would.
    let secret = if c.tenant == RESELLER_ID {
        RESELLER_SECRET
    } else {
        SECRET
    };
    Ok(Json(Token {
        token: auth::sign(&claims, KID, secret),
        expires_in: lifetime,
    }))
}
