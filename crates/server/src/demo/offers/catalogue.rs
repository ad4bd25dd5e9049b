//! The demo's offer catalogues and rules: Acme's (Starter → Pro → Business VPS, add-ons,
//! premium support, five rules including an A/B test) and BlueFox's overrides and its own
//! Serbian rule. Tests and the bench seed the same data.

use std::collections::BTreeMap;

use panelcare_model::offers::{
    Cap, Catalogue, Item, Limit, Metric, Override, Overrides, Period, Price, ResellerCatalogue,
    Rule, Variant, Wording,
};

use super::GB;

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

pub(super) fn bluefox_overrides() -> ResellerCatalogue {
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

pub(super) fn bluefox_rules() -> Vec<Rule> {
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
