//! Demo mode's support desk: knowledge-base articles, service notices and an earlier ticket,
//! so the ticket widget and the console have something to show from the first start.
//! Everything has a fixed id and is inserted once; later edits in the console are kept.

use super::ticket::{self, Account, Seed, State};
use crate::{
    db::Db,
    kb::{self, markdown},
    notices::store::{self as notices, SeedNotice},
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
        let content = kb::store::Content {
            lang,
            title,
            body,
            html: &html,
            plain: &plain,
        };
        kb::store::seed_article(db, id, tenant, &content, now).await?;
    }
    // An incident that started half an hour ago, and maintenance on Alice's server tomorrow.
    // Seeded relative to the first start; after that they age like real notices.
    let tomorrow_2am = (now / (24 * HOUR) + 1) * 24 * HOUR + 2 * HOUR;
    for notice in [
        SeedNotice {
            id: "demo-notice-mail",
            kind: "incident",
            title: "Outgoing mail is delayed",
            body: "Messages sent from webmail and mail programs leave with a delay of up to 20 minutes. Nothing is lost.",
            starts_at: now - HOUR / 2,
            ends_at: None,
            affected_servers: "[]",
        },
        SeedNotice {
            id: "demo-notice-web07",
            kind: "maintenance",
            title: "Kernel update on web-07",
            body: "Sites on web-07 are unavailable for about 10 minutes while the server restarts.",
            starts_at: tomorrow_2am,
            ends_at: Some(tomorrow_2am + HOUR / 2),
            affected_servers: "[\"web-07.acme-hosting.example\"]",
        },
    ] {
        notices::seed_acme_notice(db, &notice, now).await?;
    }
    notices::seed_mail_incident_update(db, now - HOUR / 6).await?;
    seed_ticket(db, now).await?;
    super::history::seed(db, now).await
}

/// Alice's earlier ticket: answered by Andrej in time, resolved and rated.
async fn seed_ticket(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    let opened = now - 3 * 24 * HOUR;
    let (answered, resolved) = (opened + 2 * HOUR, opened + 3 * HOUR);
    let andrej = ticket::agent(db, "agent@acme-hosting.example").await?;
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
