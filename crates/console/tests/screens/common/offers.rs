//! Acme's offers as the offers tests set them up: a small catalogue (Starter with 5 GB, Pro,
//! a backups add-on, links to Acme's billing site) and two rules, stored through the API
//! before a test so no earlier change to Acme's offers decides what it sees; and the offers
//! as they were, put back after it, since the widget's offer tests against the same server
//! count on the demo's.

use std::collections::BTreeMap;

use panelcare_model::offers::{
    Cap, Catalogue, Item, Limit, Metric, Overrides, Period, Price, ResellerCatalogue, Rule, RuleSet,
};

use super::{
    console::{AtAddress, Mounted, Routed},
    server::{PROVIDER_ADMIN, Signed, ok, sign_in},
};

pub const GB: f64 = 1024.0 * 1024.0 * 1024.0;

pub fn item(id: &str, name: &str, cents: i64, limits: &[(Metric, Limit)]) -> Item {
    Item {
        id: id.into(),
        name: name.into(),
        description: String::new(),
        price: Price {
            cents,
            currency: "EUR".into(),
            period: Period::Month,
        },
        limits: limits.iter().copied().collect(),
        sla_tier: String::new(),
        cta_url: String::new(),
    }
}

pub fn catalogue() -> Catalogue {
    Catalogue {
        plans: vec![
            item(
                "starter",
                "Starter",
                400,
                &[(Metric::Disk, Limit::Of(5.0 * GB))],
            ),
            item("pro", "Pro", 900, &[(Metric::Disk, Limit::Unlimited)]),
        ],
        addons: vec![item("backups", "Daily backups", 200, &[])],
        support: Vec::new(),
        link_origins: vec!["https://billing.acme.example".into()],
    }
}

pub fn rule(id: &str, name: &str, when: &[&str], offer: &str) -> Rule {
    Rule {
        id: id.into(),
        name: name.into(),
        enabled: true,
        priority: 10,
        when: when.iter().map(|w| (*w).to_owned()).collect(),
        offer: offer.into(),
        headline: "You use {disk.used} of {disk.limit}".into(),
        body: "Pro has room to grow.".into(),
        texts: BTreeMap::new(),
        cta_url: "https://billing.acme.example/upgrade?id={service.id}".into(),
        snooze_days: 14,
        cap: Cap::default(),
        variants: Vec::new(),
    }
}

/// "Disk nearly full" (Pro at 80 % of the disk), then "Backups for busy sites" (always).
pub fn rules() -> Vec<Rule> {
    vec![
        rule(
            "disk-full",
            "Disk nearly full",
            &["disk.percent >= 80"],
            "plan:pro",
        ),
        rule("backups", "Backups for busy sites", &[], "addon:backups"),
    ]
}

/// The offers of both demo tenants as a test found them.
pub struct Before {
    catalogue: Catalogue,
    rules: RuleSet,
    reseller: ResellerCatalogue,
    reseller_rules: RuleSet,
}

impl Before {
    async fn take(admin: &Signed) -> Self {
        let api = admin.api();
        Self {
            catalogue: ok(api.offer_catalogue("acme").await),
            rules: ok(api.offer_rules("acme").await),
            reseller: ok(api.offer_overrides("bluefox").await),
            reseller_rules: ok(api.offer_rules("bluefox").await),
        }
    }

    /// Puts them back, as the provider's admin `admin`: the catalogue first, as rules and
    /// overrides are checked against it.
    pub async fn put_back(self, admin: &Signed) {
        let api = admin.api();
        ok(api.save_offer_catalogue("acme", &self.catalogue).await);
        ok(api.save_offer_rules("acme", &self.rules).await);
        ok(api.save_offer_overrides("bluefox", &self.reseller).await);
        ok(api.save_offer_rules("bluefox", &self.reseller_rules).await);
    }
}

/// Stores [`catalogue`] and `rules` as Acme's, and leaves BlueFox's overrides empty; returns
/// the offers as they were, for [`Before::put_back`] at the test's end.
#[must_use = "put the offers back at the test's end"]
pub async fn store(admin: &Signed, rules: Vec<Rule>) -> Before {
    let before = Before::take(admin).await;
    let api = admin.api();
    ok(api.save_offer_catalogue("acme", &catalogue()).await);
    ok(api.save_offer_rules("acme", &RuleSet { rules }).await);
    let none = ResellerCatalogue {
        overrides: Overrides::default(),
        ..ResellerCatalogue::default()
    };
    ok(api.save_offer_overrides("bluefox", &none).await);
    before
}

/// The offers page drawn at an address as the app draws it, with the offers it replaced.
pub struct OffersPage {
    pub admin: Signed,
    pub screen: Mounted,
    pub before: Before,
    pub at: AtAddress,
}

/// The provider's admin with Acme's offers set up ([`store`]) and the offers page drawn at
/// `path`; the page's address is put back when the page goes.
pub async fn page(path: &str, rules: Vec<Rule>) -> OffersPage {
    let admin = sign_in(PROVIDER_ADMIN).await;
    let before = store(&admin, rules).await;
    let at = AtAddress::go(path);
    let screen = admin.mount(yew::html! { <Routed /> });
    OffersPage {
        admin,
        screen,
        before,
        at,
    }
}
