//! Four weeks of what earlier demo customers did with the offers, so the console's funnel
//! and its A/B comparison have something to show from the first start. Seeded once: each
//! event has a fixed view id, so a restart adds nothing.

use crate::{
    db::Db,
    offers::{events::Event, store},
};

const DAY: i64 = 86_400_000;

/// Per tenant, rule and variant: customers shown, clicked, converted, snoozed, dismissed,
/// and the monthly price difference. A rule of "" is a purchase no offer led to.
type Seed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    [u32; 5],
    i64,
);

const HISTORY: [Seed; 7] = [
    (
        "acme",
        "starter-disk-pro",
        "plain",
        "plan:pro",
        [60, 14, 4, 8, 3],
        500,
    ),
    (
        "acme",
        "starter-disk-pro",
        "urgent",
        "plan:pro",
        [58, 19, 7, 6, 5],
        500,
    ),
    (
        "acme",
        "pro-growth-vps",
        "",
        "plan:business-vps",
        [22, 5, 2, 3, 1],
        2000,
    ),
    (
        "acme",
        "databases-backups",
        "",
        "addon:backups",
        [40, 6, 3, 9, 4],
        200,
    ),
    (
        "acme",
        "support:premium",
        "",
        "support:premium",
        [15, 4, 1, 0, 0],
        1900,
    ),
    ("acme", "", "", "plan:pro", [0, 0, 2, 0, 0], 0),
    (
        "bluefox",
        "pro-growth-vps",
        "",
        "plan:business-vps",
        [12, 3, 1, 2, 0],
        2300,
    ),
];

pub async fn seed(db: &Db) -> Result<(), sqlx::Error> {
    let now = crate::time::now_ms();
    let mut tx = db.write().await?;
    for (tenant, rule, variant, target, counts, diff) in HISTORY {
        let [shown, clicked, converted, snoozed, dismissed] = counts;
        for i in 0..shown.max(converted) {
            let account = format!("demo-o-{rule}-{variant}-{i}");
            let view = format!("seed:{account}");
            let at = now - i64::from(i % 27 + 1) * DAY - i64::from(i) * 600_000;
            // Buyers are the first customers of a row; those who said no are the last ones
            // shown, and never clicked.
            let said_no = i >= clicked && i < shown;
            let steps = [
                ("impression", i < shown),
                ("click", i < clicked),
                ("conversion", i < converted),
                ("snooze", said_no && i >= shown - snoozed.min(shown)),
                (
                    "dismiss",
                    said_no
                        && i < shown - snoozed.min(shown)
                        && i >= shown.saturating_sub(snoozed + dismissed),
                ),
            ];
            for (n, (kind, happened)) in steps.into_iter().enumerate() {
                if !happened {
                    continue;
                }
                let event = Event {
                    tenant,
                    account: &account,
                    rule,
                    variant,
                    target,
                    kind,
                    view: &view,
                    price_diff_cents: diff,
                    currency: "EUR",
                };
                store::seed_event(&mut tx, &event, at + n as i64 * 60_000).await?;
            }
        }
    }
    tx.commit().await
}
