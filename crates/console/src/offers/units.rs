//! Amounts as admins type them and as the server stores them: prices in cents, sizes in
//! bytes (binary gigabytes, as panels count), counts and CPU cores as they are.

use panelcare_model::{
    Lang,
    offers::{Metric, Period, format, usage::Unit},
};

pub const GB: f64 = 1024.0 * 1024.0 * 1024.0;

/// `"9"`, `"9.5"`, `"9,50"` → cents, without going through a float (which would make 0.29
/// into 28 cents). `None` for anything else, including more than two decimals.
pub fn parse_cents(typed: &str) -> Option<i64> {
    let s = typed.trim().replace(',', ".");
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    if !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 2
        || whole.len() > 12
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    Some(whole * 100 + frac)
}

/// Cents as the amount input shows them: `900` → `"9.00"`.
pub fn cents_input(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// A price for admins to read: `€9.00/month`.
pub fn price_text(cents: i64, currency: &str, period: Period) -> String {
    format!(
        "{}{}",
        format::money(cents, currency, Lang::En),
        format::per(period, Lang::En)
    )
}

/// What one unit of a metric's input is, for its label.
pub fn unit_label(m: Metric) -> &'static str {
    match m.unit() {
        Unit::Bytes => "GB",
        Unit::Count => "count",
        Unit::Cores => "cores",
    }
}

/// The stored figure of a metric → its input's value (`2684354560` bytes → `"2.5"`).
pub fn amount_input(m: Metric, value: f64) -> String {
    let shown = match m.unit() {
        Unit::Bytes => value / GB,
        _ => value,
    };
    // Enough decimals for 1 MB in GB, none of the float's noise.
    let s = format!("{shown:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// An input's value → the stored figure; `None` when it is not a number from 0 up.
pub fn parse_amount(m: Metric, typed: &str) -> Option<f64> {
    let v: f64 = typed.trim().replace(',', ".").parse().ok()?;
    if !v.is_finite() || v < 0.0 {
        return None;
    }
    Some(match m.unit() {
        Unit::Bytes => (v * GB).round(),
        _ => v,
    })
}

/// A metric's name for people.
pub fn metric_name(m: Metric) -> &'static str {
    match m {
        Metric::Disk => "Disk",
        Metric::Bandwidth => "Bandwidth",
        Metric::Inodes => "Inodes",
        Metric::MailAccounts => "Mail accounts",
        Metric::Databases => "Databases",
        Metric::Cpu => "CPU",
        Metric::Memory => "Memory",
    }
}

pub fn period_name(p: Period) -> &'static str {
    match p {
        Period::Month => "a month",
        Period::Year => "a year",
        Period::Once => "once",
    }
}

pub fn period_value(p: Period) -> &'static str {
    match p {
        Period::Month => "month",
        Period::Year => "year",
        Period::Once => "once",
    }
}

pub fn parse_period(s: &str) -> Period {
    match s {
        "year" => Period::Year,
        "once" => Period::Once,
        _ => Period::Month,
    }
}
