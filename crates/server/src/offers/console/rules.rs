//! `GET|PUT /console/api/offers/rules` (JSON) and `…/rules.toml` (a file to keep in version
//! control and import elsewhere). Rules are checked against the tenant's catalogue before
//! they are saved.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, header},
    response::{IntoResponse, Response},
};
use panelcare_model::{
    ErrorCode, FieldError,
    error::FieldErrorCode,
    offers::{RuleSet, rule::RULES_MAX},
};

use super::TenantParam;
use crate::{
    audit,
    cache::Changed,
    console::{SignedIn, scope::require_admin_of},
    error::{AppError, AppResult},
    extract::ApiJson,
    offers::store,
    openapi::Refusals,
    state::AppState,
};

#[utoipa::path(
    get, path = "/offers/rules", tag = "offers", operation_id = "console_get_offer_rules",
    summary = "A tenant's offer rules",
    description = "Admins of the tenant only.",
    security(("console_session" = [])),
    params(("tenant" = String, Query, description = "The tenant whose offers these are")),
    responses((status = 200, body = RuleSet), Refusals),
)]
pub async fn read(
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
    state.caches.changed(Changed::Offers { tenant: t });
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

#[utoipa::path(
    put, path = "/offers/rules", tag = "offers", operation_id = "console_update_offer_rules",
    summary = "Replace a tenant's offer rules",
    description = "Every rule is checked against the tenant's catalogue first; errors name \
        `rule[i].<field>`. Admins of the tenant only; audited.",
    security(("console_session" = [])),
    params(("tenant" = String, Query, description = "The tenant whose offers these are")),
    request_body = RuleSet,
    responses((status = 200, description = "Saved", body = RuleSet), Refusals),
)]
pub async fn update(
    State(state): State<AppState>,
    who: SignedIn,
    TenantParam(t): TenantParam,
    ApiJson(set): ApiJson<RuleSet>,
) -> AppResult<Json<RuleSet>> {
    require_admin_of(&state.db, &who.agent, &t).await?;
    save_rules(&state, &who, &t, set).await
}

#[utoipa::path(
    get, path = "/offers/rules.toml", tag = "offers",
    operation_id = "console_export_offer_rules_toml",
    summary = "A tenant's offer rules as a TOML file",
    description = "The same rules as `GET /offers/rules`, as a file to keep in version control \
        and import elsewhere. Admins of the tenant only.",
    security(("console_session" = [])),
    params(("tenant" = String, Query, description = "The tenant whose offers these are")),
    responses((status = 200, description = "The rules file", body = String,
        content_type = "application/toml",
        headers(("Content-Disposition" = String,
            description = "`attachment; filename=\"offer-rules-<tenant>.toml\"`"))),
        Refusals),
)]
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

#[utoipa::path(
    put, path = "/offers/rules.toml", tag = "offers",
    operation_id = "console_import_offer_rules_toml",
    summary = "Replace a tenant's offer rules from a TOML file",
    description = "The file `GET /offers/rules.toml` gives, checked like `PUT /offers/rules`. \
        Admins of the tenant only; audited.",
    security(("console_session" = [])),
    params(("tenant" = String, Query, description = "The tenant whose offers these are")),
    request_body(description = "The rules file", content(
        (String = "application/toml"),
        (String = "text/plain"),
    )),
    responses((status = 200, description = "Saved", body = RuleSet), Refusals),
)]
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
