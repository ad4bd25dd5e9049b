//! An offer rule as providers write it (in the console or a TOML file), and its checked form.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{
    catalogue::{Catalogue, ItemKind, valid_id},
    condition::Condition,
    template::{Template, Var, check_link},
};
use crate::{
    Lang,
    error::{FieldError, FieldErrorCode},
};

/// Longest snooze, and the widest frequency window, in days.
pub const MAX_DAYS: u32 = 365;
/// Most rules one tenant may have.
pub const RULES_MAX: usize = 200;
/// Most conditions in one rule.
pub const CONDITIONS_MAX: usize = 20;

/// How often one customer may see one offer: at most `impressions` views in `per_days` days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cap {
    pub impressions: u32,
    pub per_days: u32,
}

impl Default for Cap {
    fn default() -> Self {
        Self {
            impressions: 3,
            per_days: 7,
        }
    }
}

/// Headline and body in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Wording {
    #[serde(default)]
    pub headline: String,
    #[serde(default)]
    pub body: String,
}

/// One arm of an A/B test: its share of customers and, optionally, its own wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Variant {
    pub id: String,
    pub weight: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub headline: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
}

/// A rule: when its conditions all hold, `offer` may be shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rule {
    pub id: String,
    pub name: String,
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Higher wins when several rules match.
    #[serde(default)]
    pub priority: i32,
    /// Conditions, one per line, all of which must hold.
    #[serde(default)]
    pub when: Vec<String>,
    /// What is offered: `plan:pro`, `addon:backups`, `support:premium`.
    pub offer: String,
    pub headline: String,
    pub body: String,
    /// Wording in other languages, by tag (`ru`, `sr-Latn`); English is `headline`/`body`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub texts: BTreeMap<String, Wording>,
    pub cta_url: String,
    /// Days a "not now" keeps the offer away.
    #[serde(default = "snooze_days")]
    pub snooze_days: u32,
    #[serde(default)]
    pub cap: Cap,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
}

fn yes() -> bool {
    true
}

fn snooze_days() -> u32 {
    14
}

/// A rule ready to evaluate: conditions parsed, templates checked, target found.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    pub rule: Rule,
    pub kind: ItemKind,
    pub target: String,
    pub when: Vec<Condition>,
    pub link: Template,
    /// Per language (English always present): headline and body.
    pub wording: BTreeMap<Lang, (Template, Template)>,
    /// Per variant id: its own headline and body where it has them.
    pub variant_wording: BTreeMap<String, (Option<Template>, Option<Template>)>,
}

impl Rule {
    /// Checks everything a rule says against `catalogue`. Links may lead to the catalogue's
    /// link origins and to `origins` (the tenant's panels).
    /// Every problem is reported, each under the field that has it.
    pub fn compile(
        &self,
        catalogue: &Catalogue,
        origins: &[String],
    ) -> Result<Compiled, Vec<FieldError>> {
        let mut errors = Vec::new();
        let err = |errors: &mut Vec<FieldError>, f: &str, code, m: String| {
            errors.push(FieldError::new(f, code, m));
        };
        if !valid_id(&self.id) {
            err(
                &mut errors,
                "id",
                FieldErrorCode::InvalidType,
                "Use 1 to 40 lower-case letters, digits and '-'.".into(),
            );
        }
        let name = self.name.trim().chars().count();
        if name == 0 || name > 120 {
            err(
                &mut errors,
                "name",
                FieldErrorCode::Required,
                "Give the rule a name of up to 120 characters.".into(),
            );
        }
        if !(-1000..=1000).contains(&self.priority) {
            err(
                &mut errors,
                "priority",
                FieldErrorCode::OutOfRange,
                "Priority is from -1000 to 1000.".into(),
            );
        }
        if self.when.len() > CONDITIONS_MAX {
            err(
                &mut errors,
                "when",
                FieldErrorCode::TooLong,
                format!("At most {CONDITIONS_MAX} conditions."),
            );
        }
        let mut when = Vec::new();
        for (n, line) in self.when.iter().enumerate() {
            match Condition::parse(line) {
                Ok(c) => when.push(c),
                Err(m) => err(
                    &mut errors,
                    &format!("when[{n}]"),
                    FieldErrorCode::UnknownValue,
                    m,
                ),
            }
        }
        let (kind, target_id) = match catalogue.item(&self.offer) {
            Some((kind, item)) => (kind, item.id.clone()),
            _ => {
                err(
                    &mut errors,
                    "offer",
                    FieldErrorCode::UnknownValue,
                    format!(
                        "'{}' is not in the catalogue; write plan:<id>, addon:<id> or support:<id>.",
                        self.offer
                    ),
                );
                (ItemKind::Plan, String::new())
            }
        };
        let text =
            |errors: &mut Vec<FieldError>, field: &str, s: &str, required: bool, max: usize| {
                if required && s.trim().is_empty() {
                    err(
                        errors,
                        field,
                        FieldErrorCode::Required,
                        "Fill this in.".into(),
                    );
                    return None;
                }
                if crate::clean::text(s).is_err() {
                    err(
                        errors,
                        field,
                        FieldErrorCode::ForbiddenCharacters,
                        crate::clean::REFUSED.into(),
                    );
                    return None;
                }
                if s.chars().count() > max {
                    err(
                        errors,
                        field,
                        FieldErrorCode::TooLong,
                        format!("At most {max} characters."),
                    );
                    return None;
                }
                match Template::parse(s) {
                    // The offered plan's limits only make sense when a plan is offered.
                    Ok(t)
                        if kind != ItemKind::Plan
                            && t.vars().any(|v| matches!(v, Var::Target(_))) =>
                    {
                        err(
                            errors,
                            field,
                            FieldErrorCode::UnknownValue,
                            "{target.<metric>} only works when the offer is a plan.".into(),
                        );
                        None
                    }
                    Ok(t) => Some(t),
                    Err(m) => {
                        err(errors, field, FieldErrorCode::UnknownValue, m);
                        None
                    }
                }
            };
        let mut wording = BTreeMap::new();
        let headline = text(&mut errors, "headline", &self.headline, true, 140);
        let body = text(&mut errors, "body", &self.body, true, 600);
        if let (Some(h), Some(b)) = (headline, body) {
            wording.insert(Lang::En, (h, b));
        }
        for (tag, w) in &self.texts {
            let Some(lang) = Lang::from_tag(tag) else {
                err(
                    &mut errors,
                    &format!("texts.{tag}"),
                    FieldErrorCode::UnknownValue,
                    format!("'{tag}' is not a language we ship (en, ru, sr-Latn)."),
                );
                continue;
            };
            let h = text(
                &mut errors,
                &format!("texts.{tag}.headline"),
                &w.headline,
                true,
                140,
            );
            let b = text(
                &mut errors,
                &format!("texts.{tag}.body"),
                &w.body,
                true,
                600,
            );
            if let (Some(h), Some(b)) = (h, b) {
                wording.insert(lang, (h, b));
            }
        }
        let allowed: Vec<String> = catalogue
            .link_origins
            .iter()
            .chain(origins)
            .cloned()
            .collect();
        let link = match check_link(&self.cta_url, &allowed) {
            Ok(t) => Some(t),
            Err(m) => {
                err(&mut errors, "cta_url", FieldErrorCode::InvalidUrl, m);
                None
            }
        };
        if !(1..=MAX_DAYS).contains(&self.snooze_days) {
            err(
                &mut errors,
                "snooze_days",
                FieldErrorCode::OutOfRange,
                format!("Snooze for 1 to {MAX_DAYS} days."),
            );
        }
        if !(1..=1000).contains(&self.cap.impressions)
            || !(1..=MAX_DAYS).contains(&self.cap.per_days)
        {
            err(
                &mut errors,
                "cap",
                FieldErrorCode::OutOfRange,
                format!("Show 1 to 1000 times in 1 to {MAX_DAYS} days."),
            );
        }
        let mut variant_wording = BTreeMap::new();
        for (n, v) in self.variants.iter().enumerate() {
            if !valid_id(&v.id) || self.variants[..n].iter().any(|o| o.id == v.id) {
                err(
                    &mut errors,
                    &format!("variants[{n}].id"),
                    FieldErrorCode::Duplicate,
                    "Each variant needs its own id of lower-case letters, digits and '-'.".into(),
                );
            }
            if !(1..=1000).contains(&v.weight) {
                err(
                    &mut errors,
                    &format!("variants[{n}].weight"),
                    FieldErrorCode::OutOfRange,
                    "A variant's weight is from 1 to 1000.".into(),
                );
            }
            let h = (!v.headline.is_empty())
                .then(|| {
                    text(
                        &mut errors,
                        &format!("variants[{n}].headline"),
                        &v.headline,
                        true,
                        140,
                    )
                })
                .flatten();
            let b = (!v.body.is_empty())
                .then(|| {
                    text(
                        &mut errors,
                        &format!("variants[{n}].body"),
                        &v.body,
                        true,
                        600,
                    )
                })
                .flatten();
            variant_wording.insert(v.id.clone(), (h, b));
        }
        if self.variants.len() == 1 {
            err(
                &mut errors,
                "variants",
                FieldErrorCode::OutOfRange,
                "An A/B test needs at least two variants (or none).".into(),
            );
        }
        match (errors.is_empty(), link) {
            (true, Some(link)) => Ok(Compiled {
                rule: self.clone(),
                kind,
                target: target_id,
                when,
                link,
                wording,
                variant_wording,
            }),
            _ => Err(errors),
        }
    }
}
