//! Figures written for people in the customer's language: "4.6 GB", "48,210", "€4.00".
//!
//! The server fills offer texts with these, so the widget shows numbers without carrying
//! formatting code of its own.

use super::{
    catalogue::Period,
    usage::{Limit, Unit},
};
use crate::Lang;

const GB: f64 = 1024.0 * 1024.0 * 1024.0;
const MB: f64 = 1024.0 * 1024.0;
const KB: f64 = 1024.0;

fn decimal(lang: Lang) -> char {
    if lang == Lang::En { '.' } else { ',' }
}

/// `value` with at most `places` decimals, trailing zeros dropped.
fn fixed(value: f64, places: usize, lang: Lang) -> String {
    let s = format!("{value:.places$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    };
    s.replace('.', &decimal(lang).to_string())
}

/// Whole numbers with the language's thousands separator.
fn grouped(value: f64, lang: Lang) -> String {
    let digits = format!("{:.0}", value.max(0.0));
    let sep = match lang {
        Lang::En => ",",
        Lang::Ru => "\u{a0}",
        Lang::SrLatn => ".",
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// One figure of a metric.
pub fn amount(unit: Unit, value: f64, lang: Lang) -> String {
    match unit {
        Unit::Bytes if value >= 1024.0 * GB => {
            format!("{}\u{a0}TB", fixed(value / GB / 1024.0, 1, lang))
        }
        Unit::Bytes if value >= GB => format!("{}\u{a0}GB", fixed(value / GB, 1, lang)),
        Unit::Bytes if value >= MB => format!("{}\u{a0}MB", fixed(value / MB, 0, lang)),
        Unit::Bytes => format!("{}\u{a0}KB", fixed(value / KB, 0, lang)),
        Unit::Count => grouped(value, lang),
        Unit::Cores => fixed(value, 1, lang),
    }
}

/// A limit; "unlimited" in the customer's language.
pub fn limit(unit: Unit, l: Limit, lang: Lang) -> String {
    match l {
        Limit::Of(v) => amount(unit, v, lang),
        Limit::Unlimited => match lang {
            Lang::En => "unlimited",
            Lang::Ru => "без ограничений",
            Lang::SrLatn => "neograničeno",
        }
        .into(),
    }
}

pub fn percent(p: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{:.0}%", p),
        _ => format!("{:.0}\u{a0}%", p),
    }
}

/// `€4.00` in English, `4,00 €` in Russian and Serbian.
pub fn money(cents: i64, currency: &str, lang: Lang) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let number = format!("{}{}{:02}", abs / 100, decimal(lang), abs % 100);
    let symbol = match currency {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        "RUB" => "₽",
        "RSD" => "RSD",
        other => other,
    };
    if lang == Lang::En && symbol.chars().count() == 1 {
        format!("{sign}{symbol}{number}")
    } else {
        format!("{sign}{number}\u{a0}{symbol}")
    }
}

/// "/month", "/year" or nothing, after a price.
pub fn per(period: Period, lang: Lang) -> &'static str {
    match (period, lang) {
        (Period::Once, _) => "",
        (Period::Month, Lang::En) => "/month",
        (Period::Year, Lang::En) => "/year",
        (Period::Month, Lang::Ru) => "/мес",
        (Period::Year, Lang::Ru) => "/год",
        (Period::Month, Lang::SrLatn) => "/mesečno",
        (Period::Year, Lang::SrLatn) => "/godišnje",
    }
}
