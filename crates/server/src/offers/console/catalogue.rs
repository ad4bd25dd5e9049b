//! `GET|PUT /console/api/offers/catalogue` (a provider's plans, add-ons and support tiers)
//! and `…/overrides` (what a reseller changes of its provider's).

use axum::{Json, extract::State};
use panelcare_model::{
    FieldError,
    error::FieldErrorCode,
    offers::{self, Catalogue, ResellerCatalogue},
};

use super::{TenantParam, wrong_kind};
use crate::{
    audit,
    cache::Changed,
    console::{SignedIn, scope::require_admin_of},
    error::{AppError, AppResult},
    extract::ApiJson,
    offers::store,
    openapi::Refusals,
    state::AppState,
    tenants,
};

#[utoipa::path(
    get, path = "/offers/catalogue", tag = "offers", operation_id = "console_get_offer_catalogue",
    summary = "A tenant's catalogue: plans, add-ons and support tiers",
    description = "For a reseller, the provider's catalogue it sells from. Admins of the tenant only.",
    security(("console_session" = [])),
    params(("tenant" = String, Query, description = "The tenant whose offers these are")),
    responses((status = 200, body = Catalogue), Refusals),
)]
pub async fn read(
    State(state): State<AppState>,
    who: SignedIn,
    TenantParam(t): TenantParam,
) -> AppResult<Json<Catalogue>> {
    require_admin_of(&state.db, &who.agent, &t).await?;
    Ok(Json(store::catalogue(&state.db, &t).await?))
}

#[utoipa::path(
    put, path = "/offers/catalogue", tag = "offers",
    operation_id = "console_update_offer_catalogue",
    summary = "Replace a provider's catalogue",
    description = "Providers only: a reseller changes what it shows under overrides. Admins of \
        the tenant only; audited.",
    security(("console_session" = [])),
    params(("tenant" = String, Query, description = "The tenant whose offers these are")),
    request_body = Catalogue,
    responses((status = 200, description = "Saved, as stored", body = Catalogue), Refusals),
)]
pub async fn update(
    State(state): State<AppState>,
    who: SignedIn,
    TenantParam(t): TenantParam,
    ApiJson(mut body): ApiJson<Catalogue>,
) -> AppResult<Json<Catalogue>> {
    require_admin_of(&state.db, &who.agent, &t).await?;
    if tenants::store::parent_of(&state.db, &t).await?.is_some() {
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
    state.caches.changed(Changed::Offers { tenant: &t });
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
    tenants::store::parent_of(&state.db, t)
        .await?
        .ok_or_else(|| {
            wrong_kind("A provider writes its own catalogue; overrides are for resellers.")
        })
}

#[utoipa::path(
    get, path = "/offers/overrides", tag = "offers",
    operation_id = "console_get_offer_overrides",
    summary = "A reseller's overrides, with its provider's catalogue",
    description = "Resellers only. Admins of the tenant only.",
    security(("console_session" = [])),
    params(("tenant" = String, Query, description = "The tenant whose offers these are")),
    responses((status = 200, body = ResellerCatalogue), Refusals),
)]
pub async fn overrides_read(
    State(state): State<AppState>,
    who: SignedIn,
    TenantParam(t): TenantParam,
) -> AppResult<Json<ResellerCatalogue>> {
    require_admin_of(&state.db, &who.agent, &t).await?;
    let provider = provider_of(&state, &t).await?;
    Ok(Json(store::reseller(&state.db, &t, &provider).await?))
}

#[utoipa::path(
    put, path = "/offers/overrides", tag = "offers",
    operation_id = "console_update_offer_overrides",
    summary = "Replace a reseller's overrides",
    description = "Resellers only; the `provider` part of the body is ignored (the answer carries \
        the provider's current catalogue). Admins of the tenant only; audited.",
    security(("console_session" = [])),
    params(("tenant" = String, Query, description = "The tenant whose offers these are")),
    request_body = ResellerCatalogue,
    responses((status = 200, description = "Saved, as stored", body = ResellerCatalogue),
        Refusals),
)]
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
    state.caches.changed(Changed::Offers { tenant: &t });
    audit::record(&state.db, &t, &who.agent.id, "offers.overrides", &t, "").await?;
    Ok(Json(saved))
}
