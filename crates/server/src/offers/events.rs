//! What customers did with offers: the events the widget, the host's billing and a plan
//! change report (stored once each by [`store::record_event`]), and the account's past
//! answers read back as the rule engine's history.

use std::collections::BTreeMap;

use panelcare_model::offers::{Facts, History};

use super::{snapshot::DAY_MS, store};
use crate::{db::Db, time::now_ms};

/// One event to store.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    pub tenant: &'a str,
    pub account: &'a str,
    pub rule: &'a str,
    pub variant: &'a str,
    pub target: &'a str,
    pub kind: &'a str,
    pub view: &'a str,
    pub price_diff_cents: i64,
    pub currency: &'a str,
}

/// The offer event a conversion of a target by an account is credited to (see
/// [`store::credit`]): its rule, variant and the price difference it showed.
#[derive(Debug, Clone)]
pub struct Credit {
    pub rule_id: String,
    pub variant: String,
    pub price_diff_cents: i64,
    pub currency: String,
}

/// The account's answers per rule (a year back), and its answer counts over 90 days.
pub async fn history(
    db: &Db,
    tenant: &str,
    account: &str,
    facts: &mut Facts,
) -> Result<BTreeMap<String, History>, sqlx::Error> {
    let now = now_ms();
    let answers = store::answers(db, tenant, account, now - 366 * DAY_MS).await?;
    let mut out: BTreeMap<String, History> = BTreeMap::new();
    for (rule_id, kind, created_at) in answers {
        let recent = now - created_at < 90 * DAY_MS;
        let h = out.entry(rule_id).or_default();
        match kind.as_str() {
            "impression" => h.impressions_ms.push(created_at),
            "dismiss" => {
                h.dismissed = true;
                facts.dismissed += u32::from(recent);
            }
            "snooze" => {
                h.last_snooze_ms = h.last_snooze_ms.max(Some(created_at));
                facts.snoozed += u32::from(recent);
            }
            "click" => facts.clicked += u32::from(recent),
            _ => {}
        }
    }
    Ok(out)
}
