//! Offer texts and links with placeholders: `You use {disk.used} of {disk.limit}`,
//! `https://billing.example.com/upgrade.php?id={service.id}&to={target.id}`.
//!
//! Placeholders are checked when a rule is saved. A link's scheme, host and port must be
//! written out before the first placeholder and lead to an origin the tenant allows (or be a
//! path inside the panel), and every value filled into a link is percent-encoded, so no
//! snapshot can turn a link into `javascript:` or send a customer elsewhere.

use super::usage::Metric;
use crate::console::parse_origin;

/// What a placeholder stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Var {
    Used(Metric),
    Limit(Metric),
    Percent(Metric),
    /// The offered plan's limit of a metric.
    Target(Metric),
    PlanId,
    PlanName,
    TargetId,
    TargetName,
    TargetPrice,
    /// The offered price minus the current plan's, a month.
    PriceDiff,
    AccountId,
    ServiceId,
}

const NAMED: [(Var, &str); 8] = [
    (Var::PlanId, "plan.id"),
    (Var::PlanName, "plan.name"),
    (Var::TargetId, "target.id"),
    (Var::TargetName, "target.name"),
    (Var::TargetPrice, "target.price"),
    (Var::PriceDiff, "price.diff"),
    (Var::AccountId, "account.id"),
    (Var::ServiceId, "service.id"),
];

impl Var {
    pub fn parse(s: &str) -> Option<Self> {
        if let Some((v, _)) = NAMED.iter().find(|(_, n)| *n == s) {
            return Some(*v);
        }
        let (a, b) = s.split_once('.')?;
        if a == "target" {
            return Metric::parse(b).map(Self::Target);
        }
        let m = Metric::parse(a)?;
        match b {
            "used" => Some(Self::Used(m)),
            "limit" => Some(Self::Limit(m)),
            "percent" => Some(Self::Percent(m)),
            _ => None,
        }
    }

    pub fn names() -> Vec<String> {
        let mut names: Vec<String> = NAMED.iter().map(|(_, n)| (*n).to_owned()).collect();
        for m in Metric::ALL {
            for part in ["used", "limit", "percent"] {
                names.push(format!("{}.{part}", m.as_str()));
            }
            names.push(format!("target.{}", m.as_str()));
        }
        names
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Text(String),
    Var(Var),
}

/// A parsed template.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    segments: Vec<Segment>,
}

impl Template {
    /// Parses `{name}` placeholders; `{{` and `}}` are literal braces.
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut segments = Vec::new();
        let mut text = String::new();
        let mut rest = s;
        while let Some(c) = rest.chars().next() {
            if rest.starts_with("{{") || rest.starts_with("}}") {
                text.push(c);
                rest = &rest[2..];
            } else if c == '{' {
                let end = rest
                    .find('}')
                    .ok_or("A '{' is not closed with '}'. Write {{ for a brace.")?;
                let name = rest[1..end].trim();
                let var = Var::parse(name).ok_or_else(|| {
                    format!(
                        "{{{name}}} is not a placeholder rules know. Known: {}.",
                        Var::names().join(", ")
                    )
                })?;
                if !text.is_empty() {
                    segments.push(Segment::Text(std::mem::take(&mut text)));
                }
                segments.push(Segment::Var(var));
                rest = &rest[end + 1..];
            } else if c == '}' {
                return Err("A '}' has no '{'. Write }} for a brace.".into());
            } else {
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        if !text.is_empty() {
            segments.push(Segment::Text(text));
        }
        Ok(Self { segments })
    }

    pub fn vars(&self) -> impl Iterator<Item = Var> + '_ {
        self.segments.iter().filter_map(|s| match s {
            Segment::Var(v) => Some(*v),
            Segment::Text(_) => None,
        })
    }

    /// The filled text; `None` when a value is unknown (the offer is then not shown, rather
    /// than shown with a hole in it).
    pub fn render(&self, value: &dyn Fn(Var) -> Option<String>) -> Option<String> {
        self.fill(value, false)
    }

    /// The filled link, every value percent-encoded.
    pub fn render_link(&self, value: &dyn Fn(Var) -> Option<String>) -> Option<String> {
        self.fill(value, true)
    }

    fn fill(&self, value: &dyn Fn(Var) -> Option<String>, encode: bool) -> Option<String> {
        let mut out = String::new();
        for s in &self.segments {
            match s {
                Segment::Text(t) => out.push_str(t),
                Segment::Var(v) => {
                    let v = value(*v)?;
                    if encode {
                        out.push_str(&percent_encode(&v));
                    } else {
                        out.push_str(&v);
                    }
                }
            }
        }
        Some(out)
    }

    /// The text before the first placeholder.
    fn prefix(&self) -> &str {
        match self.segments.first() {
            Some(Segment::Text(t)) => t,
            _ => "",
        }
    }
}

/// Checks a link template: a path inside the panel (`/…`, not `//…`), or an absolute
/// `https` address whose origin is written out in full and is one of `allowed`.
pub fn check_link(template: &str, allowed: &[String]) -> Result<Template, String> {
    let t = template.trim();
    if t.chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return Err("A link cannot contain spaces, backslashes or control characters.".into());
    }
    let parsed = Template::parse(t)?;
    let prefix = parsed.prefix();
    if prefix.starts_with('/') {
        if prefix.starts_with("//") {
            return Err(
                "A link starting with // leaves the panel; write the full https address.".into(),
            );
        }
        return Ok(parsed);
    }
    // The origin ends at the first '/', '?' or '#' after the scheme, and must end inside
    // the fixed prefix: a placeholder must never decide where a link leads.
    let after_scheme = prefix.find("://").map(|i| i + 3);
    let end = after_scheme.and_then(|s| prefix[s..].find(['/', '?', '#']).map(|i| s + i));
    let origin = match end {
        Some(end) => &prefix[..end],
        None if parsed.segments.len() == 1 => prefix,
        None => {
            return Err("Write the link's https://host in full before any placeholder.".into());
        }
    };
    let Some(origin) = parse_origin(origin) else {
        return Err(
            "A link must start with https:// and a host, or with / for a page of the panel.".into(),
        );
    };
    if !allowed.iter().any(|a| a.eq_ignore_ascii_case(&origin)) {
        return Err(format!(
            "{origin} is not among the addresses offers may lead to; add it to the link origins first."
        ));
    }
    Ok(parsed)
}

/// Keeps RFC 3986's unreserved characters, encodes every other byte.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
