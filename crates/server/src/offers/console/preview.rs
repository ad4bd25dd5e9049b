//! `POST /console/api/offers/preview`: the offer the saved rules give for figures typed in,
//! as a first-time visitor would see it, so an admin can try rules before customers do.

use axum::{Json, extract::State};
use panelcare_model::{
    FieldError, Lang,
    error::FieldErrorCode,
    offers::{self, Facts, Input, ItemKind, Offer},
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::TenantParam;
use crate::{
    console::{SignedIn, scope::require_admin_of},
    error::{AppError, AppResult},
    extract::ApiJson,
    offers::{snapshot, store},
    openapi::Refusals,
    state::AppState,
    time::now_ms,
};

/// Figures typed in, as a host would report them for a customer.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = OfferTrial)]
pub struct Trial {
    /// The usage, shaped as the host's `usage()` returns it: metrics such as
    /// `{"disk": {"used": 9500, "limit": 10000}}`.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub usage: Value,
    /// A plan of the catalogue.
    #[serde(default)]
    pub plan: Option<String>,
    #[serde(default)]
    pub support_tier: Option<String>,
    /// A locale such as `en` or `sr-Latn`; English if none.
    #[serde(default)]
    pub lang: Option<String>,
}

/// The offer the rules give, if any.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = OfferPreview)]
pub struct Preview {
    pub offer: Option<Offer>,
}

#[utoipa::path(
    post, path = "/offers/preview", tag = "offers", operation_id = "console_preview_offer",
    summary = "The offer the saved rules give for figures typed in",
    description = "As a first-time visitor would see it; nothing is stored. Admins of the tenant \
        only.",
    security(("console_session" = [])),
    params(("tenant" = String, Query, description = "The tenant whose offers these are")),
    request_body = Trial,
    responses((status = 200, body = Preview), Refusals),
)]
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
