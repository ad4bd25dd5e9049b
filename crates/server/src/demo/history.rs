//! Demo mode's support history: four weeks of answered tickets (most in time, a few late,
//! many rated), customers an article helped, a queue of open tickets in every SLA state, and
//! BlueFox's tighter promise for its premium tier — so the console's queue and numbers look
//! like a working desk from the first start. Inserted once, guarded by a fixed id.

use panelcare_model::{
    sla::{Priority, SlaPolicy},
    ticket::{DEFAULT_TIER, TicketSettings},
};

use super::ticket::{Account, Seed, State, agent};
use crate::{db::Db, tickets::store as tickets};

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// Other customers of the two tenants: (tenant, account, name, email).
const PEOPLE: [(&str, &str, &str, &str); 6] = [
    ("acme", "d-ivan", "Ivan Horvat", "ivan@horvat-tours.example"),
    ("acme", "d-sara", "Sara Lind", "sara@lind-design.example"),
    ("acme", "d-tom", "Tom Becker", "tom@becker-garage.example"),
    ("acme", "d-olga", "Ольга Смирнова", "olga@smirnova.example"),
    (
        "bluefox",
        "d-jovan",
        "Jovan Ilić",
        "jovan@ilic-foto.example",
    ),
    ("bluefox", "d-ana", "Ana Kovač", "ana@kovac-studio.example"),
];

/// Subjects of the answered tickets: (department, priority, subject).
const TOPICS: [(&str, &str, &str); 8] = [
    ("technical", "normal", "WordPress admin is very slow"),
    (
        "billing",
        "low",
        "Please send the invoice with our VAT number",
    ),
    ("technical", "high", "Contact form stopped sending e-mail"),
    (
        "technical",
        "normal",
        "How do I point my domain to a new IP?",
    ),
    (
        "technical",
        "critical",
        "Shop shows 500 Internal Server Error",
    ),
    ("sales", "low", "Do you offer a plan with more databases?"),
    ("technical", "normal", "Cron job does not run"),
    ("billing", "normal", "Card payment failed at renewal"),
];

/// Seeds the history once.
pub async fn seed(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    if tickets::tickets::exists(db, "demo-hist-0").await? {
        return Ok(());
    }
    premium_tier(db).await?;
    let andrej = agent(db, "agent@acme-hosting.example").await?;
    let ada = agent(db, "admin@acme-hosting.example").await?;
    let bea = agent(db, "admin@bluefox.example").await?;
    let ratings = [
        Some(5),
        Some(4),
        None,
        Some(5),
        Some(2),
        None,
        Some(5),
        Some(4),
        Some(3),
    ];
    for i in 0..30_i64 {
        let (tenant, account, name, email) = PEOPLE[(i % 6) as usize];
        let (department, priority, subject) = TOPICS[(i % 8) as usize];
        let opened = now - (28 - i * 27 / 30) * DAY - (i * 37 % 9) * HOUR;
        // Most answers come well inside the default promise; every seventh is late.
        let target = Priority::parse(priority).map_or(720, |p| {
            i64::from(SlaPolicy::default().first_response.of(p))
        });
        let took = if i % 7 == 3 {
            target * 5 / 4
        } else {
            target * (20 + i * 13 % 60) / 100
        };
        let answered = opened + took * MINUTE;
        let resolved = answered + 2 * HOUR;
        let by = match (tenant, i % 3) {
            ("bluefox", _) => bea.clone(),
            (_, 0) => ada.clone(),
            _ => andrej.clone(),
        };
        let rating = ratings[(i % 9) as usize].map(|r| {
            let comment = match r {
                5 => Some("Fast and friendly, thanks!"),
                2 => Some("It took too long and I had to ask twice."),
                _ => None,
            };
            (r, comment)
        });
        let id = format!("demo-hist-{i}");
        Seed {
            id: &id,
            tenant,
            number: 900 + i,
            account: Account {
                id: account,
                name,
                email,
                tier: "standard",
                locale: "en",
            },
            department,
            priority,
            subject,
            opened,
            state: State::Resolved {
                answered,
                resolved,
                agent: by.clone(),
                rating,
            },
            thread: vec![
                (
                    "customer",
                    None,
                    "Hello, could you please help with this?",
                    None,
                    opened,
                ),
                (
                    "agent",
                    by.clone(),
                    "Thanks for writing. We found the cause and fixed it; please check again.",
                    None,
                    answered,
                ),
                ("event", by, "", Some("resolved"), resolved),
            ],
        }
        .insert(db)
        .await?;
    }
    deflections(db, now).await?;
    super::queue::seed(db, now).await
}

/// BlueFox promises its premium customers (Milica among them) faster answers; Acme sells the
/// same tier to its standard customers (the support upsell).
async fn premium_tier(db: &Db) -> Result<(), sqlx::Error> {
    let mut settings = TicketSettings::default();
    let mut premium = SlaPolicy::default();
    premium.first_response.critical = 15;
    premium.first_response.high = 60;
    premium.first_response.normal = 240;
    premium.first_response.low = 720;
    settings.policies.insert("premium".into(), premium);
    settings
        .policies
        .entry(DEFAULT_TIER.into())
        .or_insert_with(SlaPolicy::default);
    for tenant in ["bluefox", "acme"] {
        tickets::settings::save_if_unset(db, tenant, &settings).await?;
    }
    Ok(())
}

/// Customers who found their answer in an article instead of opening a ticket.
async fn deflections(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    let solved = [
        ("demo-kb-503", "acme", "d-k1", 20),
        ("demo-kb-503", "acme", "d-k2", 12),
        ("demo-kb-mail-password", "acme", "d-k3", 9),
        ("demo-kb-ssl", "acme", "d-k4", 4),
        ("demo-kb-503-ru", "acme", "d-k5", 2),
        ("demo-kb-503-sr", "bluefox", "d-k6", 6),
    ];
    for (article, tenant, account, days_ago) in solved {
        crate::kb::store::seed_solved(db, article, tenant, account, now - days_ago * DAY).await?;
    }
    Ok(())
}
