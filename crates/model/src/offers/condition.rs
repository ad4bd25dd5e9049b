//! Rule conditions, written as one line each: `disk.percent >= 80`, `plan in [starter, pro]`.
//!
//! A condition is parsed and type-checked when a rule is saved, so evaluation never meets
//! an unknown field or a text compared with a number. A condition on a figure the snapshot
//! does not have is false: an offer is shown only for what the host actually reported.

use std::fmt;

use super::usage::Metric;

/// What a condition looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A metric's figure.
    Usage(Metric, Part),
    /// The plan id in the customer's token.
    Plan,
    /// The support tier in the customer's token.
    SupportTier,
    /// Days since panelcare first saw the account (or since the host says it was created).
    AccountAgeDays,
    /// Tickets opened in the last 30 days.
    TicketsRecent,
    /// High and critical tickets opened in the last 30 days.
    TicketsUrgent,
    /// The customer's earlier answers to any offer in the last 90 days.
    Answers(Answer),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Used,
    Limit,
    Percent,
    /// Growth of `used` over the last 30 days, in percent.
    Trend,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Dismissed,
    Snoozed,
    Clicked,
}

impl Part {
    const ALL: [(Self, &'static str); 4] = [
        (Self::Used, "used"),
        (Self::Limit, "limit"),
        (Self::Percent, "percent"),
        (Self::Trend, "trend"),
    ];
}

const SIMPLE: [(Field, &str); 8] = [
    (Field::Plan, "plan"),
    (Field::SupportTier, "support_tier"),
    (Field::AccountAgeDays, "account.age_days"),
    (Field::TicketsRecent, "tickets.recent"),
    (Field::TicketsUrgent, "tickets.urgent"),
    (Field::Answers(Answer::Dismissed), "answers.dismissed"),
    (Field::Answers(Answer::Snoozed), "answers.snoozed"),
    (Field::Answers(Answer::Clicked), "answers.clicked"),
];

impl Field {
    pub fn parse(s: &str) -> Option<Self> {
        if let Some((_, f)) = SIMPLE.iter().map(|(f, n)| (n, f)).find(|(n, _)| **n == s) {
            return Some(*f);
        }
        let (metric, part) = s.split_once('.')?;
        let metric = Metric::parse(metric)?;
        let part = Part::ALL.iter().find(|(_, n)| *n == part)?.0;
        Some(Self::Usage(metric, part))
    }

    pub fn is_text(self) -> bool {
        matches!(self, Self::Plan | Self::SupportTier)
    }

    /// Every field name, for error messages and the console's help.
    pub fn names() -> Vec<String> {
        let mut names: Vec<String> = SIMPLE.iter().map(|(_, n)| (*n).to_owned()).collect();
        for m in Metric::ALL {
            for (_, p) in Part::ALL {
                names.push(format!("{}.{p}", m.as_str()));
            }
        }
        names
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Usage(m, p) => {
                let part = Part::ALL
                    .iter()
                    .find(|(x, _)| x == p)
                    .map_or("", |(_, n)| n);
                write!(f, "{}.{part}", m.as_str())
            }
            other => {
                let name = SIMPLE
                    .iter()
                    .find(|(x, _)| x == other)
                    .map_or("", |(_, n)| n);
                f.write_str(name)
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
    Ne,
    In,
    NotIn,
}

impl Op {
    // Longer spellings first, so `>=` is not read as `>`.
    const ALL: [(Self, &'static str); 8] = [
        (Self::Ge, ">="),
        (Self::Le, "<="),
        (Self::Eq, "=="),
        (Self::Ne, "!="),
        (Self::Gt, ">"),
        (Self::Lt, "<"),
        (Self::NotIn, "not in"),
        (Self::In, "in"),
    ];

    fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(o, _)| *o == self)
            .map_or("", |(_, n)| n)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    Text(String),
    List(Vec<String>),
}

/// One checked condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub field: Field,
    pub op: Op,
    pub value: Value,
}

/// Figures a condition reads, besides the snapshot.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub plan: Option<String>,
    pub support_tier: Option<String>,
    pub account_age_days: Option<f64>,
    pub tickets_recent: u32,
    pub tickets_urgent: u32,
    pub dismissed: u32,
    pub snoozed: u32,
    pub clicked: u32,
}

impl Condition {
    /// Parses `field op value`; the error says what is wrong in words.
    pub fn parse(line: &str) -> Result<Self, String> {
        let line = line.trim();
        let (name, rest) = line
            .split_once(char::is_whitespace)
            .map(|(a, b)| (a, b.trim_start()))
            .or_else(|| {
                // `disk.percent>=80`: the field ends where an operator starts.
                let at = line.find(['>', '<', '=', '!'])?;
                Some((&line[..at], &line[at..]))
            })
            .ok_or_else(|| format!("'{line}' needs a field, a comparison and a value."))?;
        let field = Field::parse(name).ok_or_else(|| {
            format!(
                "'{name}' is not a field rules know. Known fields: {}.",
                Field::names().join(", ")
            )
        })?;
        let (op, value) = Op::ALL
            .iter()
            .find_map(|(op, s)| {
                let after = rest.strip_prefix(s)?;
                // A word operator must stand alone: `inodes` is not `in odes`.
                let word = s.as_bytes()[0].is_ascii_alphabetic();
                (!word || after.starts_with([' ', '['])).then_some((*op, after.trim()))
            })
            .ok_or_else(|| {
                format!("After '{name}' write one of >=, >, <=, <, ==, !=, in, not in.")
            })?;
        let value = parse_value(field, op, value)?;
        Ok(Self { field, op, value })
    }

    /// Whether the condition holds; false when the figure it needs is unknown.
    pub fn holds(
        &self,
        snapshot: &super::usage::Snapshot,
        trend: &dyn Fn(Metric) -> Option<f64>,
        facts: &Facts,
    ) -> bool {
        if self.field.is_text() {
            let actual = match self.field {
                Field::Plan => facts.plan.as_deref(),
                _ => facts.support_tier.as_deref(),
            };
            let Some(actual) = actual else { return false };
            return match (&self.op, &self.value) {
                (Op::Eq, Value::Text(t)) => actual == t,
                (Op::Ne, Value::Text(t)) => actual != t,
                (Op::In, Value::List(l)) => l.iter().any(|t| t == actual),
                (Op::NotIn, Value::List(l)) => !l.iter().any(|t| t == actual),
                _ => false,
            };
        }
        let actual = match self.field {
            Field::Usage(m, part) => snapshot.get(m).and_then(|a| match part {
                Part::Used => Some(a.used),
                // Unlimited is more than any number, so `disk.limit < 10GB` is false for it.
                Part::Limit => Some(a.limit.finite().unwrap_or(f64::INFINITY)),
                Part::Percent => a.percent(),
                Part::Trend => trend(m),
            }),
            Field::AccountAgeDays => facts.account_age_days,
            Field::TicketsRecent => Some(f64::from(facts.tickets_recent)),
            Field::TicketsUrgent => Some(f64::from(facts.tickets_urgent)),
            Field::Answers(Answer::Dismissed) => Some(f64::from(facts.dismissed)),
            Field::Answers(Answer::Snoozed) => Some(f64::from(facts.snoozed)),
            Field::Answers(Answer::Clicked) => Some(f64::from(facts.clicked)),
            Field::Plan | Field::SupportTier => None,
        };
        let (Some(a), Value::Number(b)) = (actual, &self.value) else {
            return false;
        };
        let b = *b;
        match self.op {
            Op::Ge => a >= b,
            Op::Gt => a > b,
            Op::Le => a <= b,
            Op::Lt => a < b,
            Op::Eq => a == b,
            Op::Ne => a != b,
            Op::In | Op::NotIn => false,
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ", self.field, self.op.as_str())?;
        match &self.value {
            Value::Number(n) => write!(f, "{n}"),
            Value::Text(t) => f.write_str(t),
            Value::List(l) => write!(f, "[{}]", l.join(", ")),
        }
    }
}

fn parse_value(field: Field, op: Op, s: &str) -> Result<Value, String> {
    if s.is_empty() {
        return Err(format!("'{field}' needs a value to compare with."));
    }
    let word = |w: &str| w.trim().trim_matches(['"', '\'']).to_owned();
    if field.is_text() {
        return match op {
            Op::Eq | Op::Ne => Ok(Value::Text(word(s))),
            Op::In | Op::NotIn => {
                let inner = s
                    .strip_prefix('[')
                    .and_then(|s| s.strip_suffix(']'))
                    .ok_or_else(|| format!("Write the list as [a, b] after '{field} in'."))?;
                let items: Vec<String> = inner
                    .split(',')
                    .map(word)
                    .filter(|w| !w.is_empty())
                    .collect();
                if items.is_empty() {
                    return Err("The list is empty.".into());
                }
                Ok(Value::List(items))
            }
            _ => Err(format!(
                "'{field}' is a name: compare it with ==, !=, in or not in."
            )),
        };
    }
    if matches!(op, Op::In | Op::NotIn) {
        return Err(format!(
            "'{field}' is a number: compare it with >=, >, <=, <, == or !=."
        ));
    }
    let bytes = matches!(field, Field::Usage(m, Part::Used | Part::Limit) if m.unit() == super::usage::Unit::Bytes);
    number_with_unit(s, bytes)
        .map(Value::Number)
        .ok_or_else(|| {
            if bytes {
                format!("'{s}' is not a number (sizes may end in KB, MB, GB or TB).")
            } else {
                format!("'{s}' is not a number.")
            }
        })
}

/// `80`, `4.5GB`, `500 MB` (binary units, as panels count).
fn number_with_unit(s: &str, bytes: bool) -> Option<f64> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().ok()?;
    let scale = match unit.trim().to_ascii_uppercase().as_str() {
        "" => 1.0,
        "KB" if bytes => 1024.0,
        "MB" if bytes => 1024.0 * 1024.0,
        "GB" if bytes => 1024.0 * 1024.0 * 1024.0,
        "TB" if bytes => 1024.0_f64.powi(4),
        _ => return None,
    };
    n.is_finite().then_some(n * scale)
}
