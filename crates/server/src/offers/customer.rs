//! The widget's offer API: `POST /api/v1/offers` (the best offer for the usage the host
//! reported, or none) and `POST /api/v1/offers/events` (what the customer did with it).

use axum::{Json, extract::State, http::StatusCode};
use panelcare_model::limits::LimitedAction;
use panelcare_model::{
    ErrorCode, FieldError, Lang,
    error::FieldErrorCode,
    offers::{
        self, BestOffer, Catalogue, Facts, Input, ItemKind, OfferEvent,
        catalogue::{key, parse_key},
    },
    ticket::DEFAULT_TIER,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{events, snapshot, store};
use crate::{
    auth::Customer,
    error::{AppError, AppResult},
    extract::ApiJson,
    limits,
    openapi::Refusals,
    state::AppState,
    time::now_ms,
};

/// The body of `POST /api/v1/offers`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct OfferRequest {
    /// What the host's `usage()` returned, as it returned it: metrics such as
    /// `{"disk": {"used": 9.2e9, "limit": 1e10}}` and an optional `service_id`.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub usage: Value,
    /// The language the widget shows; the token's locale when absent.
    #[serde(default)]
    pub lang: Option<String>,
}

#[utoipa::path(
    post, path = "/offers", tag = "offers", operation_id = "get_best_offer",
    summary = "The best offer for the usage the host reported, or none",
    description = "A POST because the usage travels in the body. The offer is picked by the \
        tenant's rules and written in `lang`; `offer` is `null` when no rule applies.",
    security(("customer_token" = [])),
    request_body = OfferRequest,
    responses((status = 200, body = BestOffer), Refusals),
)]
pub async fn best(
    State(state): State<AppState>,
    who: Customer,
    ApiJson(ask): ApiJson<OfferRequest>,
) -> AppResult<Json<BestOffer>> {
    let snap = snapshot::check(&ask.usage).map_err(AppError::validation)?;
    let db = &state.db;
    let (tenant, account) = (who.tenant_id.as_str(), who.account_id.as_str());
    let offering = super::offering(&state, tenant).await?;
    let (catalogue, rules) = (&offering.catalogue, &offering.rules);
    let past = snapshot::remember(db, tenant, account, who.plan.as_deref(), &snap).await?;
    if let (Some(_), Some(plan)) = (&past.previous_plan, &who.plan) {
        plan_changed(&state, &who, catalogue, plan).await?;
    }
    let (tickets_recent, tickets_urgent) = store::ticket_counts(db, tenant, account).await?;
    let mut facts = Facts {
        plan: who.plan.clone(),
        support_tier: Some(
            who.support_tier
                .clone()
                .unwrap_or_else(|| DEFAULT_TIER.into()),
        ),
        account_age_days: Some((now_ms() - past.first_seen_ms) as f64 / snapshot::DAY_MS as f64),
        tickets_recent,
        tickets_urgent,
        ..Facts::default()
    };
    let history = events::history(db, tenant, account, &mut facts).await?;
    let lang = ask
        .lang
        .as_deref()
        .or(who.locale.as_deref())
        .map(Lang::from_locale)
        .unwrap_or_default();
    let offer = offers::evaluate(
        rules,
        catalogue,
        &Input {
            account_id: account,
            snapshot: &snap,
            facts: &facts,
            trends: &past.trends,
            history: &history,
            now_ms: now_ms(),
            lang,
        },
    );
    Ok(Json(BestOffer { offer }))
}

/// The host's next snapshot shows another plan: if an offer of that plan was clicked (or
/// seen) lately, that offer converted. Stored once per account, plan and day.
async fn plan_changed(
    state: &AppState,
    who: &Customer,
    catalogue: &Catalogue,
    plan: &str,
) -> AppResult<()> {
    if catalogue.find(ItemKind::Plan, plan).is_none() {
        return Ok(());
    }
    let target = key(ItemKind::Plan, plan);
    let Some(credit) = store::credit(&state.db, &who.tenant_id, &who.account_id, &target).await?
    else {
        return Ok(());
    };
    let view = format!("plan:{}:{plan}", who.account_id);
    store::record_event(
        &state.db,
        &events::Event {
            tenant: &who.tenant_id,
            account: &who.account_id,
            rule: &credit.rule_id,
            variant: &credit.variant,
            target: &target,
            kind: "conversion",
            view: &view,
            price_diff_cents: credit.price_diff_cents,
            currency: &credit.currency,
        },
    )
    .await?;
    Ok(())
}

/// The answer to `POST /api/v1/offers/events`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OfferEventRecorded {
    /// False when this view had already reported this event.
    pub recorded: bool,
}

fn view_ok(v: &str) -> bool {
    (8..=64).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[utoipa::path(
    post, path = "/offers/events", tag = "offers", operation_id = "record_offer_event",
    summary = "Report what the customer did with a drawn offer",
    description = "`kind` is `impression`, `click`, `snooze` or `dismiss`; `view` (8 to 64 \
        letters, digits and `-`) names one drawn card, and each view's event counts once, so a \
        retry is harmless. `rule` is an offer's `rule` (or an upsell's `support:<id>`).",
    security(("customer_token" = [])),
    request_body = OfferEvent,
    responses(
        (status = 201, description = "Recorded", body = OfferEventRecorded),
        (status = 200, description = "This view had reported this event already", body = OfferEventRecorded),
        Refusals,
    ),
)]
pub async fn event(
    State(state): State<AppState>,
    who: Customer,
    ApiJson(e): ApiJson<OfferEvent>,
) -> AppResult<(StatusCode, Json<OfferEventRecorded>)> {
    let mut errors = Vec::new();
    if !offers::EVENT_KINDS.contains(&e.kind.as_str()) {
        errors.push(FieldError::new(
            "kind",
            FieldErrorCode::UnknownValue,
            "The kind is impression, click, snooze or dismiss.",
        ));
    }
    if !view_ok(&e.view) {
        errors.push(FieldError::new(
            "view",
            FieldErrorCode::InvalidType,
            "The view id is 8 to 64 letters, digits and '-'.",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    limits::take(&state, &who, LimitedAction::OfferEvent).await?;
    let db = &state.db;
    let tenant = who.tenant_id.as_str();
    let catalogue = store::catalogue(db, tenant).await?;
    // The target and price come from the rule as stored, never from the browser.
    let (target, kind, variants) = match e.rule.strip_prefix("support:") {
        Some(id) if catalogue.find(ItemKind::Support, id).is_some() => {
            (key(ItemKind::Support, id), ItemKind::Support, Vec::new())
        }
        Some(_) => return Err(unknown_rule()),
        None => {
            let rules = store::rules(db, tenant).await?;
            let rule = rules
                .into_iter()
                .find(|r| r.id == e.rule)
                .ok_or_else(unknown_rule)?;
            let kind = parse_key(&rule.offer).map_or(ItemKind::Plan, |(k, _)| k);
            (
                rule.offer.clone(),
                kind,
                rule.variants.iter().map(|v| v.id.clone()).collect(),
            )
        }
    };
    if !(e.variant.is_empty() && variants.is_empty() || variants.contains(&e.variant)) {
        return Err(AppError::validation(vec![FieldError::new(
            "variant",
            FieldErrorCode::UnknownValue,
            "This rule has no such variant.",
        )]));
    }
    let (diff, currency) = catalogue
        .item(&target)
        .map_or((0, String::new()), |(_, item)| {
            let diff = catalogue.monthly_difference(kind, item, who.plan.as_deref());
            (diff, item.price.currency.clone())
        });
    let recorded = store::record_event(
        db,
        &events::Event {
            tenant,
            account: &who.account_id,
            rule: &e.rule,
            variant: &e.variant,
            target: &target,
            kind: &e.kind,
            view: &e.view,
            price_diff_cents: diff,
            currency: &currency,
        },
    )
    .await?;
    let status = if recorded {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(OfferEventRecorded { recorded })))
}

fn unknown_rule() -> AppError {
    AppError::client(ErrorCode::NotFound, "There is no such offer.")
}
