//! What offers earned, as the server counts them from the demo's four weeks of offer history
//! (`crates/server/src/demo/offer_history.rs`): each row's rate with its interval, the
//! uplift, the conversions no offer led to, the funnel, and the CSV for the period chosen.
//! The figures are the server's own answer, read through the API beside the screen.

use panelcare_console::offers::OfferNumbersView;
use panelcare_model::{
    Lang,
    offers::{
        format,
        numbers::{FunnelRow, TenantOffers},
    },
};
use wasm_bindgen_test::*;

use crate::common::{
    server::{PROVIDER_ADMIN, ok, sign_in},
    *,
};

/// "4.2 % (2.1–7.9 %)", as the table words a rate and its interval.
fn rate(r: &FunnelRow) -> String {
    let pct = |share: f64| format!("{:.1}", share * 100.0);
    format!(
        "{} % ({}–{} %)",
        pct(r.rate),
        pct(r.rate_low),
        pct(r.rate_high)
    )
}

/// "Rule name / variant", as the table and the chart name a row.
fn row_name(r: &FunnelRow) -> String {
    let name = if r.rule_name.is_empty() {
        &r.rule
    } else {
        &r.rule_name
    };
    if r.variant.is_empty() {
        name.clone()
    } else {
        format!("{name} / {}", r.variant)
    }
}

/// Acme's card: its first row as the server counts it, against the table, chart and line
/// about conversions without an offer.
fn check_acme(card: &web_sys::Element, acme: &TenantOffers) {
    let row = acme
        .rows
        .iter()
        .find(|r| r.shown > 0)
        .expect("the demo's history shows Acme's offers");
    let n = acme.rows.iter().position(|r| r == row).unwrap() + 1;
    let tr = format!(".c-offer-numbers tbody tr:nth-child({n})");
    assert_eq!(text_of(card, &format!("{tr} th[scope=row]")), row_name(row));
    assert_eq!(text_of(card, &format!("{tr} .c-rate")), rate(row));
    let uplift = format::money(row.uplift_monthly_cents, &row.currency, Lang::En);
    let sign = if row.uplift_monthly_cents > 0 {
        "+"
    } else {
        ""
    };
    assert_eq!(
        plain(&text_of(card, &format!("{tr} .c-uplift"))),
        plain(&format!("{sign}{uplift} a month"))
    );
    // The offer is named as the catalogue names it, where it still has it.
    let offer = if row.target_name.is_empty() {
        &row.target
    } else {
        &row.target_name
    };
    assert_eq!(&text_of(card, &format!("{tr} td")), offer);
    let chart = find(card, ".c-funnel svg")
        .unwrap()
        .get_attribute("aria-label")
        .unwrap();
    let said = format!(
        "{} shown to {}, clicked by {}, converted {}",
        row_name(row),
        row.shown,
        row.clicked,
        row.converted
    );
    assert!(chart.contains(&said), "{chart}");
    let converted: u32 = acme.rows.iter().map(|r| r.converted).sum();
    let came = if converted == 1 {
        "1 conversion came".to_owned()
    } else {
        format!("{converted} conversions came")
    };
    assert_eq!(
        text_of(card, ".c-unattributed"),
        format!(
            "{came} from an offer; {} the panel reported without one.",
            acme.unattributed
        )
    );
}

#[wasm_bindgen_test]
async fn numbers_show_the_rate_with_its_interval_the_uplift_and_the_csv_for_the_period() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    let screen = admin.mount(yew::html! { <OfferNumbersView /> });
    until(&screen, "the table", |r| {
        find(r, ".c-offer-numbers").is_some()
    })
    .await;
    // Read after the screen's own answer: nothing can have been counted since.
    let month = ok(admin.api().offer_numbers(30).await);
    let acme = month
        .tenants
        .iter()
        .find(|t| t.tenant_id == "acme")
        .unwrap();
    let card = find(&screen, "article:has(#c-on-acme)").unwrap();
    check_acme(&card, acme);
    assert_eq!(
        find(&screen, "#c-on-csv")
            .unwrap()
            .get_attribute("href")
            .as_deref(),
        Some("/console/api/offers/numbers.csv?days=30")
    );
    assert!(
        find(&card, ".c-funnel svg")
            .unwrap()
            .get_attribute("aria-label")
            .unwrap()
            .starts_with("Offers of Acme Hosting, last 30 days: ")
    );

    choose(&screen, "#c-on-days", "90").await;
    until(&screen, "the 90 days", |r| {
        find(r, "article:has(#c-on-acme) .c-funnel svg")
            .and_then(|svg| svg.get_attribute("aria-label"))
            .is_some_and(|l| l.starts_with("Offers of Acme Hosting, last 90 days: "))
    })
    .await;
    assert_eq!(
        find(&screen, "#c-on-csv")
            .unwrap()
            .get_attribute("href")
            .as_deref(),
        Some("/console/api/offers/numbers.csv?days=90")
    );
    let quarter = ok(admin.api().offer_numbers(90).await);
    let acme = quarter
        .tenants
        .iter()
        .find(|t| t.tenant_id == "acme")
        .unwrap();
    check_acme(&find(&screen, "article:has(#c-on-acme)").unwrap(), acme);
}
