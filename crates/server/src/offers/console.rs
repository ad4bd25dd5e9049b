//! The console's offer settings: the catalogue (providers), overrides (resellers), the
//! rules as JSON or a TOML file, and a preview that evaluates the saved rules on figures
//! typed in. Each answers only for tenants the agent administers.

use axum::{
    Json,
    extract::{FromRequestParts, State},
    http::{HeaderMap, header, request::Parts},
    response::{IntoResponse, Response},
};
use panelcare_model::{
    ErrorCode, FieldError, Lang,
    error::FieldErrorCode,
    offers::{
        self, Catalogue, Facts, Input, ItemKind, Offer, ResellerCatalogue, RuleSet, rule::RULES_MAX,
    },
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{snapshot, store};
use crate::{
    audit,
    console::{scope::require_admin_of, session::SignedIn},
    error::{AppError, AppResult},
    extract::ApiJson,
    state::AppState,
    tenants,
    time::now_ms,
};

/// `?tenant=<id>`: the tenant whose offers are read or written.
#[derive(Debug)]
pub struct TenantParam(pub String);

impl<S: Send + Sync> FromRequestParts<S> for TenantParam {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let tenant = parts
            .uri
            .query()
            .unwrap_or_default()
            .split('&')
            .find_map(|p| p.strip_prefix("tenant="))
            .filter(|t| !t.is_empty());
        tenant.map(|t| Self(t.to_owned())).ok_or_else(|| {
            AppError::validation(vec![FieldError::new(
                "tenant",
                FieldErrorCode::Required,
                "Name the tenant: ?tenant=<id>.",
            )])
        })
    }
}

fn wrong_kind(msg: &str) -> AppError {
    AppError::validation(vec![FieldError::new(
        "tenant",
        FieldErrorCode::UnknownValue,
        msg,
    )])
}

pub async fn catalogue_read(
    State(state): State<AppState>,
    who: SignedIn,
    TenantParam(t): TenantParam,
) -> AppResult<Json<Catalogue>> {
    require_admin_of(&state.db, &who.agent, &t).await?;
    Ok(Json(store::catalogue(&state.db, &t).await?))
}

pub async fn catalogue_update(
    State(state): State<AppState>,
    who: SignedIn,
    TenantParam(t): TenantParam,
    ApiJson(mut body): ApiJson<Catalogue>,
) -> AppResult<Json<Catalogue>> {
    require_admin_of(&state.db, &who.agent, &t).await?;
    if tenants::parent_of(&state.db, &t).await?.is_some() {
        return Err(wrong_kind(
            "A reseller's catalogue comes from its provider; change names, prices and what is shown under overrides.",
        ));
    }
    body.link_origins = body
        .link_origins
        .iter()
        .map(|o| panelcare_model::console::parse_origin(o).unwrap_or_else(|| o.clone()))
        .collect();
    let mut errors = body.validate().err().unwrap_or_default();
    errors.extend(support_links(&state, &t, &body).await?);
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    store::save_catalogue(&state.db, &t, &body).await?;
    state.offers.clear();
    audit::record(&state.db, &t, &who.agent.id, "offers.catalogue", &t, "").await?;
    Ok(Json(body))
}

/// Support tiers' links follow the rules' link rules.
async fn support_links(
    state: &AppState,
    tenant: &str,
    c: &Catalogue,
) -> AppResult<Vec<FieldError>> {
    let mut allowed = c.link_origins.clone();
    allowed.extend(store::panel_origins(&state.db, tenant).await?);
    Ok(c.support
        .iter()
        .enumerate()
        .filter(|(_, i)| !i.cta_url.is_empty())
        .filter_map(|(n, i)| {
            offers::template::check_link(&i.cta_url, &allowed)
                .err()
                .map(|m| {
                    FieldError::new(
                        format!("support[{n}].cta_url"),
                        FieldErrorCode::InvalidUrl,
                        m,
                    )
                })
        })
        .collect())
}

async fn provider_of(state: &AppState, t: &str) -> AppResult<String> {
    tenants::parent_of(&state.db, t).await?.ok_or_else(|| {
        wrong_kind("A provider writes its own catalogue; overrides are for resellers.")
    })
}

pub async fn overrides_read(
    State(state): State<AppState>,
    who: SignedIn,
    TenantParam(t): TenantParam,
) -> AppResult<Json<ResellerCatalogue>> {
    require_admin_of(&state.db, &who.agent, &t).await?;
    let provider = provider_of(&state, &t).await?;
    Ok(Json(store::reseller(&state.db, &t, &provider).await?))
}

pub async fn overrides_update(
    State(state): State<AppState>,
    who: SignedIn,
    TenantParam(t): TenantParam,
    ApiJson(body): ApiJson<ResellerCatalogue>,
) -> AppResult<Json<ResellerCatalogue>> {
    require_admin_of(&state.db, &who.agent, &t).await?;
    let provider = provider_of(&state, &t).await?;
    let theirs = store::own_catalogue(&state.db, &provider).await?;
    let mut errors = body.overrides.validate(&theirs).err().unwrap_or_default();
    let origins = Catalogue {
        link_origins: body.link_origins.clone(),
        ..Catalogue::default()
    };
    errors.extend(origins.validate().err().unwrap_or_default());
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let saved = ResellerCatalogue {
        provider: theirs,
        ..body
    };
    store::save_overrides(&state.db, &t, &saved).await?;
    state.offers.clear();
    audit::record(&state.db, &t, &who.agent.id, "offers.overrides", &t, "").await?;
    Ok(Json(saved))
}

pub async fn rules_read(
    State(state): State<AppState>,
    who: SignedIn,
    TenantParam(t): TenantParam,
) -> AppResult<Json<RuleSet>> {
    require_admin_of(&state.db, &who.agent, &t).await?;
    Ok(Json(RuleSet {
        rules: store::rules(&state.db, &t).await?,
    }))
}

/// Checks every rule against the tenant's catalogue; errors are named `rule[i].<field>`.
async fn check_rules(state: &AppState, t: &str, set: &RuleSet) -> AppResult<()> {
    let catalogue = store::catalogue(&state.db, t).await?;
    let origins = store::panel_origins(&state.db, t).await?;
    let mut errors = Vec::new();
    if set.rules.len() > RULES_MAX {
        errors.push(FieldError::new(
            "rule",
            FieldErrorCode::TooLong,
            format!("At most {RULES_MAX} rules."),
        ));
    }
    for (n, r) in set.rules.iter().enumerate() {
        if set.rules[..n].iter().any(|o| o.id == r.id) {
            errors.push(FieldError::new(
                format!("rule[{n}].id"),
                FieldErrorCode::Duplicate,
                format!("Another rule is already called '{}'.", r.id),
            ));
        }
        if let Err(e) = r.compile(&catalogue, &origins) {
            errors.extend(e.into_iter().map(|f| FieldError {
                field: format!("rule[{n}].{}", f.field),
                ..f
            }));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::validation(errors))
    }
}

async fn save_rules(
    state: &AppState,
    who: &SignedIn,
    t: &str,
    set: RuleSet,
) -> AppResult<Json<RuleSet>> {
    check_rules(state, t, &set).await?;
    store::save_rules(&state.db, t, &set.rules).await?;
    state.offers.clear();
    let ids: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
    audit::record(
        &state.db,
        t,
        &who.agent.id,
        "offers.rules",
        t,
        &ids.join(","),
    )
    .await?;
    Ok(Json(set))
}

pub async fn rules_update(
    State(state): State<AppState>,
    who: SignedIn,
    TenantParam(t): TenantParam,
    ApiJson(set): ApiJson<RuleSet>,
) -> AppResult<Json<RuleSet>> {
    require_admin_of(&state.db, &who.agent, &t).await?;
    save_rules(&state, &who, &t, set).await
}

pub async fn toml_read(
    State(state): State<AppState>,
    who: SignedIn,
    TenantParam(t): TenantParam,
) -> AppResult<Response> {
    require_admin_of(&state.db, &who.agent, &t).await?;
    let set = RuleSet {
        rules: store::rules(&state.db, &t).await?,
    };
    let text = toml::to_string(&set).map_err(|e| AppError::Internal(e.to_string()))?;
    let head = format!(
        "# panelcare offer rules of tenant {t}. Import with PUT /console/api/offers/rules.toml?tenant={t}\n\n"
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/toml; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"offer-rules-{t}.toml\""),
            ),
        ],
        head + &text,
    )
        .into_response())
}

pub async fn toml_update(
    State(state): State<AppState>,
    who: SignedIn,
    TenantParam(t): TenantParam,
    headers: HeaderMap,
    body: String,
) -> AppResult<Json<RuleSet>> {
    require_admin_of(&state.db, &who.agent, &t).await?;
    let mime = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let mime = mime
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if mime != "application/toml" && mime != "text/plain" {
        return Err(AppError::client(
            ErrorCode::UnsupportedMediaType,
            "Send the rules file with Content-Type: application/toml.",
        ));
    }
    let set: RuleSet = toml::from_str(&body).map_err(|e| {
        AppError::validation(vec![FieldError::new(
            "toml",
            FieldErrorCode::InvalidType,
            format!("The file is not valid rules TOML: {}", e.to_string().trim()),
        )])
    })?;
    save_rules(&state, &who, &t, set).await
}

#[derive(Debug, Deserialize)]
pub struct Trial {
    #[serde(default)]
    pub usage: Value,
    #[serde(default)]
    pub plan: Option<String>,
    #[serde(default)]
    pub support_tier: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Preview {
    pub offer: Option<Offer>,
}

/// The offer the saved rules give for typed-in figures, as a first-time visitor would see it.
pub async fn preview(
    State(state): State<AppState>,
    who: SignedIn,
    TenantParam(t): TenantParam,
    ApiJson(trial): ApiJson<Trial>,
) -> AppResult<Json<Preview>> {
    require_admin_of(&state.db, &who.agent, &t).await?;
    let snap = snapshot::check(&trial.usage).map_err(AppError::validation)?;
    let catalogue = store::catalogue(&state.db, &t).await?;
    if let Some(p) = &trial.plan
        && catalogue.find(ItemKind::Plan, p).is_none()
    {
        return Err(AppError::validation(vec![FieldError::new(
            "plan",
            FieldErrorCode::UnknownValue,
            format!("'{p}' is not a plan of the catalogue."),
        )]));
    }
    let rules = store::compiled(&state.db, &t, &catalogue).await?;
    let facts = Facts {
        plan: trial.plan,
        support_tier: trial.support_tier,
        ..Facts::default()
    };
    let empty = Default::default();
    let offer = offers::evaluate(
        &rules,
        &catalogue,
        &Input {
            account_id: "preview",
            snapshot: &snap,
            facts: &facts,
            trends: &Default::default(),
            history: &empty,
            now_ms: now_ms(),
            lang: trial
                .lang
                .as_deref()
                .map(Lang::from_locale)
                .unwrap_or_default(),
        },
    );
    Ok(Json(Preview { offer }))
}
