//! Demo mode's support history: four weeks of answered tickets (most in time, a few late,
//! many rated), customers an article helped, a queue of open tickets in every SLA state, and
//! BlueFox's tighter promise for its premium tier — so the console's queue and numbers look
//! like a working desk from the first start. Inserted once, guarded by a fixed id.

use panelcare_model::{
    sla::SlaPolicy,
    ticket::{DEFAULT_TIER, TicketSettings},
};

use crate::db::Db;

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

/// (minutes a priority's answer may take by default)
fn target(priority: &str) -> i64 {
    match priority {
        "critical" => 60,
        "high" => 240,
        "normal" => 720,
        _ => 1440,
    }
}

/// Seeds the history once.
pub async fn seed(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    let seeded: Option<String> =
        sqlx::query_scalar("SELECT id FROM tickets WHERE id = 'demo-hist-0'")
            .fetch_optional(&db.pool)
            .await?;
    if seeded.is_some() {
        return Ok(());
    }
    premium_tier(db).await?;
    let agent = |email: &'static str| async move {
        sqlx::query_scalar::<_, String>("SELECT id FROM agents WHERE email = ?")
            .bind(email)
            .fetch_optional(&db.pool)
            .await
    };
    let andrej = agent("agent@acme-hosting.example").await?;
    let ada = agent("admin@acme-hosting.example").await?;
    let bea = agent("admin@bluefox.example").await?;
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
        // Most answers come well inside the target; every seventh is late.
        let took = if i % 7 == 3 {
            target(priority) * 5 / 4
        } else {
            target(priority) * (20 + i * 13 % 60) / 100
        };
        let answered = opened + took * MINUTE;
        let by = match (tenant, i % 3) {
            ("bluefox", _) => bea.clone(),
            (_, 0) => ada.clone(),
            _ => andrej.clone(),
        };
        let rating = ratings[(i % 9) as usize];
        let ticket = Past {
            id: format!("demo-hist-{i}"),
            tenant,
            number: 900 + i,
            account,
            name,
            email,
            department,
            priority,
            subject,
            opened,
            answered,
            resolved: answered + 2 * HOUR,
            rating,
            agent: by,
        };
        ticket.insert(db).await?;
    }
    deflections(db, now).await?;
    crate::demo_queue::seed(db, now).await
}

/// BlueFox promises its premium customers (Milica among them) faster answers.
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
    let json = serde_json::to_string(&settings).unwrap_or_default();
    sqlx::query(
        "INSERT INTO ticket_settings (tenant_id, settings) VALUES ('bluefox', ?) \
         ON CONFLICT DO NOTHING",
    )
    .bind(json)
    .execute(&db.pool)
    .await?;
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
        let done = sqlx::query(
            "INSERT INTO kb_solved (article_id, tenant_id, account_id, created_at) \
             SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM kb_articles WHERE id = ?1) \
             ON CONFLICT DO NOTHING",
        )
        .bind(article)
        .bind(tenant)
        .bind(account)
        .bind(now - days_ago * DAY)
        .execute(&db.pool)
        .await?;
        if done.rows_affected() == 1 {
            sqlx::query("UPDATE kb_articles SET solved = solved + 1 WHERE id = ?")
                .bind(article)
                .execute(&db.pool)
                .await?;
        }
    }
    Ok(())
}

/// One answered and resolved ticket of the past.
struct Past {
    id: String,
    tenant: &'static str,
    number: i64,
    account: &'static str,
    name: &'static str,
    email: &'static str,
    department: &'static str,
    priority: &'static str,
    subject: &'static str,
    opened: i64,
    answered: i64,
    resolved: i64,
    rating: Option<i64>,
    agent: Option<String>,
}

impl Past {
    async fn insert(&self, db: &Db) -> Result<(), sqlx::Error> {
        let comment = match self.rating {
            Some(5) => Some("Fast and friendly, thanks!"),
            Some(2) => Some("It took too long and I had to ask twice."),
            _ => None,
        };
        sqlx::query(
            "INSERT INTO tickets (id, tenant_id, number, account_id, account_name, account_email, \
             account_plan, support_tier, locale, department, priority, subject, status, \
             assignee_id, first_response_at, resolved_at, rating, rating_comment, rated_at, \
             idempotency_key, request_hash, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, \
             ?6, 'starter', 'standard', 'en', ?7, ?8, ?9, 'resolved', ?10, ?11, ?12, ?13, ?14, \
             CASE WHEN ?13 IS NULL THEN NULL ELSE ?12 END, ?1, '', ?15, ?12) \
             ON CONFLICT DO NOTHING",
        )
        .bind(&self.id)
        .bind(self.tenant)
        .bind(self.number)
        .bind(self.account)
        .bind(self.name)
        .bind(self.email)
        .bind(self.department)
        .bind(self.priority)
        .bind(self.subject)
        .bind(&self.agent)
        .bind(self.answered)
        .bind(self.resolved)
        .bind(self.rating)
        .bind(comment)
        .bind(self.opened)
        .execute(&db.pool)
        .await?;
        let messages = [
            (
                "customer",
                None,
                "Hello, could you please help with this?",
                None,
                self.opened,
            ),
            (
                "agent",
                self.agent.clone(),
                "Thanks for writing. We found the cause and fixed it; please check again.",
                None,
                self.answered,
            ),
            (
                "event",
                self.agent.clone(),
                "",
                Some("resolved"),
                self.resolved,
            ),
        ];
        for (n, (kind, agent, body, status, at)) in messages.into_iter().enumerate() {
            sqlx::query(
                "INSERT INTO ticket_messages (id, ticket_id, tenant_id, kind, agent_id, body, \
                 status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            )
            .bind(format!("{}-m{n}", self.id))
            .bind(&self.id)
            .bind(self.tenant)
            .bind(kind)
            .bind(agent)
            .bind(body)
            .bind(status)
            .bind(at)
            .execute(&db.pool)
            .await?;
        }
        let due = self.opened + target(self.priority) * MINUTE;
        sqlx::query(
            "INSERT INTO ticket_sla (ticket_id, tenant_id, priority, first, due_from, due_at, \
             answered_at, agent_id, met) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)",
        )
        .bind(&self.id)
        .bind(self.tenant)
        .bind(self.priority)
        .bind(self.opened)
        .bind(due)
        .bind(self.answered)
        .bind(&self.agent)
        .bind(self.answered <= due)
        .execute(&db.pool)
        .await?;
        Ok(())
    }
}
