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
    state::AppState,
    time::now_ms,
};

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
