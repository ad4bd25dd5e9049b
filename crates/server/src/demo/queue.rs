//! Demo mode's open tickets: one of each SLA state (on track, due soon, late) for both
//! tenants, so the queue has something to sort by time left and the demo customers Борис and
//! Milica see a running promise in their widget.

use super::ticket::{Account, Seed, State};
use crate::db::Db;

const MINUTE: i64 = 60_000;

/// (id, tenant, number, account, name, email, tier, locale, department, priority, target
/// minutes, opened minutes ago, subject, message)
type Open = (
    &'static str,
    &'static str,
    i64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    i64,
    &'static str,
    &'static str,
);

const OPEN: [Open; 5] = [
    (
        "demo-open-slow",
        "acme",
        930,
        "boris",
        "Борис Петров",
        "boris@petrov-shop.example",
        "standard",
        "ru",
        "technical",
        "high",
        240,
        200,
        "Сайт открывается очень медленно с утра",
        "Главная страница грузится 15–20 секунд, раньше было меньше секунды.",
    ),
    (
        "demo-open-twice",
        "acme",
        931,
        "d-ivan",
        "Ivan Horvat",
        "ivan@horvat-tours.example",
        "standard",
        "en",
        "billing",
        "normal",
        720,
        790,
        "Charged twice for the domain renewal",
        "My card was charged twice for horvat-tours.example this month. Please refund one.",
    ),
    (
        "demo-open-move",
        "acme",
        932,
        "d-sara",
        "Sara Lind",
        "sara@lind-design.example",
        "standard",
        "en",
        "sales",
        "low",
        1440,
        120,
        "Can I move my second site to this account?",
        "I have another site with a different host. Can you move it here for me?",
    ),
    (
        "demo-open-domain",
        "bluefox",
        930,
        "milica",
        "Milica Jovanović",
        "milica@jovanovic-art.example",
        "premium",
        "sr-Latn",
        "technical",
        "normal",
        240,
        60,
        "Ne mogu da dodam novi domen",
        "Kada dodam domen jovanovic-galerija.example, panel kaže da je već u upotrebi.",
    ),
    (
        "demo-open-images",
        "bluefox",
        931,
        "d-jovan",
        "Jovan Ilić",
        "jovan@ilic-foto.example",
        "standard",
        "sr-Latn",
        "technical",
        "high",
        240,
        210,
        "Slike se ne učitavaju na sajtu",
        "Od jutros galerija prikazuje prazne okvire umesto slika.",
    ),
];

pub async fn seed(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    for (
        id,
        tenant,
        number,
        account,
        name,
        email,
        tier,
        locale,
        dept,
        prio,
        target,
        ago,
        subject,
        body,
    ) in OPEN
    {
        let opened = now - ago * MINUTE;
        Seed {
            id,
            tenant,
            number,
            account: Account {
                id: account,
                name,
                email,
                tier,
                locale,
            },
            department: dept,
            priority: prio,
            subject,
            opened,
            state: State::Waiting { target },
            thread: vec![("customer", None, body, None, opened)],
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
