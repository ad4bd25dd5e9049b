//! The offers engine as a provider relies on it: snapshots checked, rules refused when saved
//! (never at evaluation), the right offer with the right numbers, answers respected.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::{
    catalogue::{Catalogue, Item, Override, Overrides, Period, Price},
    condition::{Condition, Facts},
    evaluate::{History, Input, allowed, evaluate, variant_of},
    numbers::wilson,
    rule::{Cap, Rule, Variant},
    template::check_link,
    usage::{Limit, Metric, Raw, Snapshot},
};
use crate::{Lang, error::FieldErrorCode};

const GB: f64 = 1024.0 * 1024.0 * 1024.0;
const DAY: i64 = 86_400_000;
const BILLING: &str = "https://billing.acme.example";

fn plan(id: &str, name: &str, cents: i64, disk_gb: Option<f64>) -> Item {
    Item {
        id: id.into(),
        name: name.into(),
        description: String::new(),
        price: Price {
            cents,
            currency: "EUR".into(),
            period: Period::Month,
        },
        limits: BTreeMap::from([(
            Metric::Disk,
            disk_gb.map_or(Limit::Unlimited, |g| Limit::Of(g * GB)),
        )]),
        sla_tier: String::new(),
        cta_url: String::new(),
    }
}

fn catalogue() -> Catalogue {
    Catalogue {
        plans: vec![
            plan("starter", "Starter", 400, Some(5.0)),
            plan("pro", "Pro", 900, Some(50.0)),
            plan("vps", "Business VPS", 2900, None),
        ],
        link_origins: vec![BILLING.into()],
        ..Catalogue::default()
    }
}

fn rule(id: &str, when: &[&str]) -> Rule {
    Rule {
        id: id.into(),
        name: "Near the disk limit".into(),
        enabled: true,
        priority: 10,
        when: when.iter().map(|s| (*s).to_owned()).collect(),
        offer: "plan:pro".into(),
        headline: "You use {disk.used} of {disk.limit}".into(),
        body: "{target.name} gives you {target.disk} for {price.diff}.".into(),
        texts: BTreeMap::new(),
        cta_url: format!("{BILLING}/upgrade.php?id={{service.id}}&to={{target.id}}"),
        snooze_days: 14,
        cap: Cap::default(),
        variants: Vec::new(),
    }
}

fn snapshot(used_gb: f64) -> Snapshot {
    Snapshot::check(
        [(
            "disk",
            Some(Raw::Number(used_gb * GB)),
            Some(Raw::Number(5.0 * GB)),
        )],
        Some(Raw::Text("svc-42".into())),
    )
    .unwrap()
}

fn starter() -> Facts {
    Facts {
        plan: Some("starter".into()),
        ..Facts::default()
    }
}

fn run(
    rules: &[Rule],
    snap: &Snapshot,
    facts: &Facts,
    history: &BTreeMap<String, History>,
    now: i64,
) -> Option<super::Offer> {
    let cat = catalogue();
    let compiled: Vec<_> = rules
        .iter()
        .map(|r| r.compile(&cat, &[]).unwrap())
        .collect();
    let trends = BTreeMap::new();
    evaluate(
        &compiled,
        &cat,
        &Input {
            account_id: "alice",
            snapshot: snap,
            facts,
            trends: &trends,
            history,
            now_ms: now,
            lang: Lang::En,
        },
    )
}

#[test]
fn a_customer_near_the_disk_limit_gets_pro_with_their_numbers() {
    let offer = run(
        &[rule("disk", &["plan == starter", "disk.percent >= 80"])],
        &snapshot(4.6),
        &starter(),
        &BTreeMap::new(),
        0,
    )
    .unwrap();
    assert_eq!(offer.headline, "You use 4.6\u{a0}GB of 5\u{a0}GB");
    assert_eq!(offer.body, "Pro gives you 50\u{a0}GB for +€5.00/month.");
    assert_eq!(
        offer.cta_url,
        format!("{BILLING}/upgrade.php?id=svc-42&to=pro")
    );
    assert_eq!(offer.why[0].key, "disk");
    assert_eq!(offer.why[0].text, "4.6\u{a0}GB / 5\u{a0}GB (92%)");
    assert_eq!(offer.changes[0].current, "5\u{a0}GB");
    assert_eq!(offer.changes[0].offered, "50\u{a0}GB");
    assert_eq!(offer.price_diff_cents, 500);
    // Below the threshold, or already on Pro: nothing.
    assert!(
        run(
            &[rule("disk", &["disk.percent >= 80"])],
            &snapshot(2.0),
            &starter(),
            &BTreeMap::new(),
            0
        )
        .is_none()
    );
    let pro = Facts {
        plan: Some("pro".into()),
        ..Facts::default()
    };
    assert!(
        run(
            &[rule("disk", &["disk.percent >= 80"])],
            &snapshot(4.6),
            &pro,
            &BTreeMap::new(),
            0
        )
        .is_none()
    );
}

#[test]
fn russian_numbers_and_the_highest_priority_win() {
    let mut low = rule("low", &[]);
    low.priority = 1;
    let mut high = rule("high", &["disk.used >= 4GB"]);
    high.priority = 50;
    high.texts.insert(
        "ru".into(),
        super::Wording {
            headline: "Занято {disk.used} из {disk.limit}".into(),
            body: "{target.name}: {target.disk}".into(),
        },
    );
    let cat = catalogue();
    let compiled: Vec<_> = [low, high]
        .iter()
        .map(|r| r.compile(&cat, &[]).unwrap())
        .collect();
    let snap = snapshot(4.6);
    let trends = BTreeMap::new();
    let history = BTreeMap::new();
    let facts = starter();
    let offer = evaluate(
        &compiled,
        &cat,
        &Input {
            account_id: "boris",
            snapshot: &snap,
            facts: &facts,
            trends: &trends,
            history: &history,
            now_ms: 0,
            lang: Lang::Ru,
        },
    )
    .unwrap();
    assert_eq!(offer.rule, "high");
    assert_eq!(offer.headline, "Занято 4,6\u{a0}GB из 5\u{a0}GB");
    assert_eq!(offer.price, "9,00\u{a0}€/мес");
}

#[test]
fn answers_and_the_cap_are_respected() {
    let rules = [rule("disk", &["disk.percent >= 80"])];
    let snap = snapshot(4.6);
    let now = 100 * DAY;
    let with = |h: History| BTreeMap::from([("disk".to_owned(), h)]);
    assert!(
        run(
            &rules,
            &snap,
            &starter(),
            &with(History {
                dismissed: true,
                ..History::default()
            }),
            now
        )
        .is_none()
    );
    let snoozed = with(History {
        last_snooze_ms: Some(now - 13 * DAY),
        ..History::default()
    });
    assert!(run(&rules, &snap, &starter(), &snoozed, now).is_none());
    let over = with(History {
        last_snooze_ms: Some(now - 14 * DAY),
        ..History::default()
    });
    assert!(run(&rules, &snap, &starter(), &over, now).is_some());
    let seen = |n: i64| {
        with(History {
            impressions_ms: (0..n).map(|i| now - i * DAY).collect(),
            ..History::default()
        })
    };
    assert!(run(&rules, &snap, &starter(), &seen(2), now).is_some());
    assert!(run(&rules, &snap, &starter(), &seen(3), now).is_none());
    // Views older than the cap's window no longer count.
    let old = with(History {
        impressions_ms: vec![now - 8 * DAY; 5],
        ..History::default()
    });
    assert!(run(&rules, &snap, &starter(), &old, now).is_some());
}

#[test]
fn snapshots_are_checked_field_by_field() {
    let check =
        |used: Raw, limit: Option<Raw>| Snapshot::check([("disk", Some(used), limit)], None);
    let code = |r: Result<Snapshot, Vec<crate::FieldError>>| r.unwrap_err()[0].code;
    assert_eq!(
        code(check(Raw::Number(-1.0), None)),
        FieldErrorCode::OutOfRange
    );
    assert_eq!(
        code(check(Raw::Number(1e30), None)),
        FieldErrorCode::OutOfRange
    );
    assert_eq!(
        code(check(Raw::Text("lots".into()), None)),
        FieldErrorCode::InvalidType
    );
    assert_eq!(code(check(Raw::Other, None)), FieldErrorCode::InvalidType);
    assert_eq!(code(check(Raw::Null, None)), FieldErrorCode::Required);
    let missing = Snapshot::check([("disk", None, Some(Raw::Number(5.0)))], None).unwrap_err();
    assert_eq!(missing[0].field, "usage.disk.used");
    // cPanel's strings, unlimited in its spellings, a zero limit without a percentage.
    let s = check(
        Raw::Text("4.60".into()),
        Some(Raw::Text("unlimited".into())),
    )
    .unwrap();
    assert_eq!(s.get(Metric::Disk).unwrap().limit, Limit::Unlimited);
    assert_eq!(
        check(Raw::Number(1.0), Some(Raw::Number(-1.0)))
            .unwrap()
            .get(Metric::Disk)
            .unwrap()
            .limit,
        Limit::Unlimited
    );
    assert_eq!(
        check(Raw::Number(1.0), Some(Raw::Null))
            .unwrap()
            .get(Metric::Disk)
            .unwrap()
            .limit,
        Limit::Unlimited
    );
    let zero = check(Raw::Number(3.0), Some(Raw::Number(0.0))).unwrap();
    assert_eq!(zero.get(Metric::Disk).unwrap().percent(), None);
    assert!(
        Snapshot::check([("gpu_hours", Some(Raw::Number(1.0)), None)], None)
            .unwrap()
            .amounts
            .is_empty()
    );
    assert!(Snapshot::check([], Some(Raw::Text("a b".into()))).is_err());
}

#[test]
fn conditions_are_refused_when_written_wrong() {
    assert!(Condition::parse("disk.percent >= 80").is_ok());
    assert!(Condition::parse("disk.percent>=80").is_ok());
    assert!(Condition::parse("plan in [starter, 'pro']").is_ok());
    assert!(Condition::parse("inodes.percent >= 5").is_ok());
    assert!(Condition::parse("disk.used >= 4.5 GB").is_ok());
    for bad in [
        "disk.fullness >= 80",
        "plan >= 3",
        "disk.percent == pro",
        "disk.percent in [1]",
        "disk.percent",
        "tickets.recent >= 2GB",
        "plan in starter",
    ] {
        assert!(Condition::parse(bad).is_err(), "{bad}");
    }
    let err = Condition::parse("cpu.load >= 2").unwrap_err();
    assert!(
        err.contains("cpu.load") && err.contains("disk.percent"),
        "{err}"
    );
    // Round trip through the written form.
    let c = Condition::parse("plan not in [a, b]").unwrap();
    assert_eq!(Condition::parse(&c.to_string()).unwrap(), c);
}

#[test]
fn rules_with_unknown_names_or_bad_links_are_refused_at_save() {
    let cat = catalogue();
    let fields = |r: Rule| {
        r.compile(&cat, &[])
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect::<Vec<_>>()
    };
    assert_eq!(fields(rule("x", &["disk.fulness > 1"])), ["when[0]"]);
    let mut r = rule("x", &[]);
    r.headline = "You use {disk.usd}".into();
    r.offer = "plan:platinum".into();
    assert_eq!(fields(r), ["offer", "headline"]);
    for (link, ok) in [
        ("javascript:alert(1)", false),
        ("https://evil.example/upgrade", false),
        ("https://{account.id}.billing.acme.example/", false),
        ("https://billing.acme.example@evil.example/", false),
        ("//evil.example/x", false),
        ("data:text/html,hi", false),
        ("https://billing.acme.example/cart?a={target.id}", true),
        ("/frontend/jupiter/upgrade/?to={target.id}", true),
    ] {
        assert_eq!(check_link(link, &[BILLING.into()]).is_ok(), ok, "{link}");
    }
}

#[test]
fn offer_texts_and_catalogue_names_pass_the_text_rule() {
    let cat = catalogue();
    let mut r = rule("x", &[]);
    r.headline = "Upgrade \u{202e}won".into();
    let refused = r.compile(&cat, &[]).unwrap_err();
    assert_eq!(
        refused
            .iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect::<Vec<_>>(),
        [("headline", FieldErrorCode::ForbiddenCharacters)]
    );
    let mut bad = catalogue();
    bad.plans[0].name = "Pro\u{1b}[2J".into();
    bad.plans[0].description = "Fast\u{2066}".into();
    let refused = bad.validate().unwrap_err();
    assert_eq!(
        refused.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
        ["plans[0].name", "plans[0].description"]
    );
    assert!(
        refused
            .iter()
            .all(|e| e.code == FieldErrorCode::ForbiddenCharacters)
    );
}

#[test]
fn filled_links_cannot_escape() {
    let mut snap = snapshot(4.6);
    snap.service_id = Some("a&b=c/../#x".into());
    let offer = run(&[rule("disk", &[])], &snap, &starter(), &BTreeMap::new(), 0).unwrap();
    assert_eq!(
        offer.cta_url,
        format!("{BILLING}/upgrade.php?id=a%26b%3Dc%2F..%2F%23x&to=pro")
    );
}

#[test]
fn a_missing_figure_hides_the_offer_rather_than_leaving_a_hole() {
    let empty = Snapshot::default();
    assert!(
        run(
            &[rule("disk", &[])],
            &empty,
            &starter(),
            &BTreeMap::new(),
            0
        )
        .is_none()
    );
}

#[test]
fn variants_are_stable_per_account_and_spread_by_weight() {
    let mut r = rule("ab", &[]);
    r.variants = vec![
        Variant {
            id: "a".into(),
            weight: 50,
            headline: String::new(),
            body: String::new(),
        },
        Variant {
            id: "b".into(),
            weight: 50,
            headline: "Only {disk.percent} left? Get {target.name}".into(),
            body: String::new(),
        },
    ];
    let c = r.compile(&catalogue(), &[]).unwrap();
    let a: usize = (0..1000)
        .filter(|i| variant_of(&format!("acct{i}"), &c) == "a")
        .count();
    assert!((400..600).contains(&a), "{a} of 1000 in a");
    assert_eq!(variant_of("alice", &c), variant_of("alice", &c));
}

#[test]
fn resellers_hide_rename_and_reprice() {
    let overrides = Overrides {
        items: BTreeMap::from([
            (
                "plan:vps".into(),
                Override {
                    hidden: true,
                    ..Override::default()
                },
            ),
            (
                "plan:pro".into(),
                Override {
                    name: Some("Fox Pro".into()),
                    price: Some(Price {
                        cents: 1100,
                        currency: "EUR".into(),
                        period: Period::Month,
                    }),
                    hidden: false,
                },
            ),
        ]),
    };
    assert!(overrides.validate(&catalogue()).is_ok());
    let mine = catalogue().with_overrides(&overrides, &[]);
    assert_eq!(mine.plans.len(), 2);
    assert_eq!(mine.plans[1].name, "Fox Pro");
    assert_eq!(mine.plans[1].price.cents, 1100);
    let unknown = Overrides {
        items: BTreeMap::from([("plan:gold".into(), Override::default())]),
    };
    assert!(overrides.validate(&catalogue()).is_ok() && unknown.validate(&catalogue()).is_err());
}

#[test]
fn wilson_interval_brackets_the_rate() {
    assert_eq!(wilson(0, 0), (0.0, 0.0));
    let (lo, hi) = wilson(10, 100);
    assert!(
        (0.05..0.06).contains(&lo) && (0.17..0.18).contains(&hi),
        "{lo} {hi}"
    );
    let (lo, hi) = wilson(0, 5);
    assert!(lo == 0.0 && hi > 0.4);
}

fn raw() -> impl Strategy<Value = Raw> {
    prop_oneof![
        any::<f64>().prop_map(Raw::Number),
        (-10.0..1e19f64).prop_map(Raw::Number),
        "[0-9a-z.\\-]{0,8}".prop_map(Raw::Text),
        Just(Raw::Null),
        Just(Raw::Other),
    ]
}

fn history() -> impl Strategy<Value = History> {
    (
        any::<bool>(),
        proptest::option::of(0..60i64),
        proptest::collection::vec(0..30i64, 0..6),
    )
        .prop_map(|(d, s, i)| History {
            dismissed: d,
            last_snooze_ms: s.map(|days| 100 * DAY - days * DAY),
            impressions_ms: i.into_iter().map(|days| 100 * DAY - days * DAY).collect(),
        })
}

proptest! {
    #[test]
    fn no_snapshot_makes_evaluation_panic_and_answers_always_hold(
        metrics in proptest::collection::vec((0..9usize, proptest::option::of(raw()), proptest::option::of(raw())), 0..9),
        histories in proptest::collection::vec(history(), 3),
        plan in proptest::option::of("[a-z]{0,8}"),
    ) {
        let names = ["disk", "bandwidth", "inodes", "mail_accounts", "databases", "cpu", "memory", "gpu", ""];
        let checked = Snapshot::check(metrics.iter().map(|(n, u, l)| (names[*n], u.clone(), l.clone())), None);
        let snap = checked.unwrap_or_default();
        let mut rules = [
            rule("a", &["disk.percent >= 80"]),
            rule("b", &["bandwidth.trend > 10", "inodes.limit < 100000"]),
            rule("c", &["memory.used >= 1GB", "cpu.percent != 3"]),
        ];
        for (i, r) in rules.iter_mut().enumerate() {
            r.headline = "{disk.percent} {memory.limit} {cpu.used}".into();
            r.snooze_days = 7 + i as u32;
            r.cap = Cap { impressions: 2, per_days: 5 };
        }
        let cat = catalogue();
        let compiled: Vec<_> = rules.iter().map(|r| r.compile(&cat, &[]).unwrap()).collect();
        let history: BTreeMap<String, History> = ["a", "b", "c"].iter().map(|s| (*s).to_owned()).zip(histories).collect();
        let facts = Facts { plan, ..Facts::default() };
        let trends = BTreeMap::from([(Metric::Bandwidth, 12.0)]);
        let now = 100 * DAY;
        for lang in Lang::ALL {
            let input = Input { account_id: "x", snapshot: &snap, facts: &facts, trends: &trends, history: &history, now_ms: now, lang };
            if let Some(offer) = evaluate(&compiled, &cat, &input) {
                let rule = compiled.iter().find(|r| r.rule.id == offer.rule).unwrap();
                let h = &history[&offer.rule];
                prop_assert!(!h.dismissed);
                prop_assert!(h.last_snooze_ms.is_none_or(|at| now - at >= i64::from(rule.rule.snooze_days) * DAY));
                prop_assert!(h.impressions_ms.iter().filter(|at| now - **at < 5 * DAY).count() < 2);
                prop_assert!(allowed(rule, Some(h), now));
            }
        }
    }
}
