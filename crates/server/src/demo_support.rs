//! Demo mode's support desk: knowledge-base articles, service notices and an earlier ticket,
//! so the ticket widget and the console have something to show from the first start.
//! Everything has a fixed id and is inserted once; later edits in the console are kept.

use crate::{
    db::Db,
    demo_ticket::{self, Account, Seed, State},
    kb::markdown,
    time,
};

const HOUR: i64 = 3_600_000;

/// (id, tenant, lang, title, markdown)
const ARTICLES: [(&str, &str, &str, &str, &str); 6] = [
    (
        "demo-kb-503",
        "acme",
        "en",
        "Website shows 503 Service Unavailable",
        "A **503** means the web server had no free PHP worker for the request.\n\n\
         1. Open **MultiPHP INI Editor** and check `max_execution_time`.\n\
         2. Look for slow plugins in **Errors**.\n\
         3. If the site stays down, open a *critical* ticket: we answer within the hour.\n\n\
         See also [PHP limits explained](https://docs.acme-hosting.example/php-limits).",
    ),
    (
        "demo-kb-mail-password",
        "acme",
        "en",
        "Resetting an email account password",
        "Open **Email Accounts**, choose *Manage* next to the address and set a new password. \
         Phones and mail programs ask for it again at their next check.",
    ),
    (
        "demo-kb-ssl",
        "acme",
        "en",
        "Renewing your SSL certificate",
        "Certificates renew by themselves 30 days before they expire. If a domain shows a \
         warning, open **SSL/TLS Status** and press *Run AutoSSL*.",
    ),
    (
        "demo-kb-503-ru",
        "acme",
        "ru",
        "Сайт отвечает 503 Service Unavailable",
        "Ошибка **503** значит, что у сервера нет свободного PHP-процесса. Проверьте \
         `max_execution_time` в **MultiPHP INI Editor** и медленные плагины.",
    ),
    (
        "demo-kb-503-sr",
        "bluefox",
        "sr-Latn",
        "Sajt prikazuje grešku 503",
        "Greška **503** znači da server nema slobodan PHP proces. Proverite \
         `max_execution_time` i spore dodatke.",
    ),
    (
        "demo-kb-503-fox",
        "bluefox",
        "en",
        "503 errors on BlueFox hosting",
        "Restart your app from **Setup Node.js App** or lower the PHP worker limit.",
    ),
];

pub async fn seed(db: &Db) -> Result<(), sqlx::Error> {
    let now = time::now_ms();
    for (id, tenant, lang, title, body) in ARTICLES {
        let (html, plain) = markdown::render(body);
        sqlx::query(
            "INSERT INTO kb_articles (id, tenant_id, lang, title, body, html, plain, published, \
             created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(tenant)
        .bind(lang)
        .bind(title)
        .bind(body)
        .bind(html)
        .bind(plain)
        .bind(now)
        .bind(now)
        .execute(&db.pool)
        .await?;
    }
    // An incident that started half an hour ago, and maintenance on Alice's server tomorrow.
    // Seeded relative to the first start; after that they age like real notices.
    let tomorrow_2am = (now / (24 * HOUR) + 1) * 24 * HOUR + 2 * HOUR;
    for (id, kind, title, body, starts, ends, servers) in [
        (
            "demo-notice-mail",
            "incident",
            "Outgoing mail is delayed",
            "Messages sent from webmail and mail programs leave with a delay of up to 20 minutes. Nothing is lost.",
            now - HOUR / 2,
            None,
            "[]",
        ),
        (
            "demo-notice-web07",
            "maintenance",
            "Kernel update on web-07",
            "Sites on web-07 are unavailable for about 10 minutes while the server restarts.",
            tomorrow_2am,
            Some(tomorrow_2am + HOUR / 2),
            "[\"web-07.acme-hosting.example\"]",
        ),
    ] {
        sqlx::query(
            "INSERT INTO notices (id, tenant_id, kind, title, body, starts_at, ends_at, \
             affected_servers, created_at) VALUES (?, 'acme', ?, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(kind)
        .bind(title)
        .bind(body)
        .bind(starts)
        .bind(ends)
        .bind(servers)
        .bind(now)
        .execute(&db.pool)
        .await?;
    }
    sqlx::query(
        "INSERT INTO notice_updates (notice_id, body, created_at) SELECT 'demo-notice-mail', \
         'The cause is found: a blocklisted relay. Mail is moving to a clean one.', ? \
         WHERE NOT EXISTS (SELECT 1 FROM notice_updates WHERE notice_id = 'demo-notice-mail')",
    )
    .bind(now - HOUR / 6)
    .execute(&db.pool)
    .await?;
    seed_ticket(db, now).await?;
    crate::demo_history::seed(db, now).await
}

/// Alice's earlier ticket: answered by Andrej in time, resolved and rated.
async fn seed_ticket(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    let opened = now - 3 * 24 * HOUR;
    let (answered, resolved) = (opened + 2 * HOUR, opened + 3 * HOUR);
    let andrej = demo_ticket::agent(db, "agent@acme-hosting.example").await?;
    Seed {
        id: "demo-ticket-ssl",
        tenant: "acme",
        number: 1001,
        account: Account {
            id: "alice",
            name: "Alice Baker",
            email: "alice@alice-bakery.example",
            tier: "standard",
            locale: "en",
        },
        department: "technical",
        priority: "normal",
        subject: "Browser warns about the certificate on shop.alice-bakery.example",
        opened,
        state: State::Resolved {
            answered,
            resolved,
            agent: andrej.clone(),
            rating: Some((5, Some("Quick and clear, thank you!"))),
        },
        thread: vec![
            (
                "customer",
                None,
                "Since this morning Chrome says my shop's certificate is not valid. Can you check?",
                None,
                opened,
            ),
            (
                "agent",
                andrej.clone(),
                "Hi Alice, the certificate for shop.alice-bakery.example had not renewed because the domain pointed elsewhere for a day. I ran AutoSSL again; the new certificate is valid until next spring.",
                None,
                answered,
            ),
            ("event", andrej.clone(), "", Some("awaiting_customer"), answered),
            ("customer", None, "Works now, thanks!", None, answered + HOUR / 2),
            ("event", andrej, "", Some("resolved"), resolved),
        ],
    }
    .insert(db)
    .await
}
