//! An offer as the server sends it, read field by field (see `crate::wire` for why).

use panelcare_model::offers::Metric;
use yew::AttrValue;

use crate::wire::Obj;

/// One figure that made the offer show: `label` is a metric or ticket count key.
#[derive(Debug, Clone, PartialEq)]
pub struct Why {
    pub key: AttrValue,
    pub text: AttrValue,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub metric: Metric,
    pub current: AttrValue,
    pub offered: AttrValue,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub rule: AttrValue,
    pub variant: AttrValue,
    /// `plan`, `addon` or `support`.
    pub kind: AttrValue,
    pub target_name: AttrValue,
    pub current_name: AttrValue,
    pub headline: AttrValue,
    pub body: AttrValue,
    pub why: Vec<Why>,
    pub changes: Vec<Change>,
    pub price: AttrValue,
    pub price_diff: AttrValue,
    pub cta_url: AttrValue,
    pub snooze_days: u32,
}

fn text(o: &Obj, key: &str) -> AttrValue {
    o.str(key).unwrap_or_default().into()
}

pub fn offer(o: &Obj) -> Option<Offer> {
    Some(Offer {
        rule: o.str("rule")?.into(),
        variant: text(o, "variant"),
        kind: text(o, "kind"),
        target_name: text(o, "target_name"),
        current_name: text(o, "current_name"),
        headline: o.str("headline")?.into(),
        body: text(o, "body"),
        why: o
            .list("why")
            .iter()
            .filter_map(|w| {
                Some(Why {
                    key: w.str("key")?.into(),
                    text: w.str("text")?.into(),
                })
            })
            .collect(),
        changes: o
            .list("changes")
            .iter()
            .filter_map(|c| {
                Some(Change {
                    metric: Metric::parse(&c.str("metric")?)?,
                    current: c.str("current")?.into(),
                    offered: c.str("offered")?.into(),
                })
            })
            .collect(),
        price: text(o, "price"),
        price_diff: text(o, "price_diff"),
        cta_url: o.str("cta_url")?.into(),
        snooze_days: o.num("snooze_days").map_or(0, |n| n as u32),
    })
}
