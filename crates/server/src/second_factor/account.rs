//! A signed-in account's own second factor: what it has, setting one up (a new secret, then
//! its first code, which gives the recovery codes) and turning it off (with the password or a
//! current code, so a session left open is not enough).

use axum::{Json, extract::State, http::StatusCode};
use panelcare_model::{
    ErrorCode,
    second_factor::{ConfirmCode, Enrolment, RecoveryCodes, Status, TurnOff},
};

use super::{finish_enrolment, refuse, start_enrolment, store, use_code};
use crate::{
    audit,
    client_address::ClientAddress,
    console::{SignedIn, password},
    error::{AppError, AppResult},
    extract::ApiJson,
    openapi::Refusals,
    state::AppState,
    time::rfc3339,
};

const PASSWORD_MAX: usize = 1024;
const CODE_MAX: usize = 64;

/// `GET /console/api/second-factor`.
#[utoipa::path(
    get, path = "/second-factor", tag = "second_factor",
    operation_id = "console_get_second_factor",
    summary = "The signed-in account's second factor: on or off, recovery codes left, required",
    security(("console_session" = [])),
    responses((status = 200, body = Status), Refusals),
)]
pub async fn status(State(state): State<AppState>, who: SignedIn) -> AppResult<Json<Status>> {
    let factor = store::factor(&state.db, &who.agent.id).await?;
    let enabled_at = factor.and_then(|f| f.confirmed_at);
    let left = if enabled_at.is_some() {
        store::recovery_codes_left(&state.db, &who.agent.id).await?
    } else {
        0
    };
    Ok(Json(Status {
        enabled: enabled_at.is_some(),
        enabled_at: enabled_at.map(rfc3339),
        recovery_codes_left: u32::try_from(left).unwrap_or(0),
        required: super::required_for(&state, &who.agent).await?,
    }))
}

/// `POST /console/api/second-factor/enrolment`: a new secret waiting for its first code
/// (starting again replaces one that waited).
#[utoipa::path(
    post, path = "/second-factor/enrolment", tag = "second_factor",
    operation_id = "console_enrol_second_factor",
    summary = "Start setting up an authenticator app",
    description = "Refused (`422`) while a second factor is on. Starting again replaces a secret \
        that waited for its first code.",
    security(("console_session" = [])),
    responses((status = 200, description = "A new secret waiting for its first code",
        body = Enrolment), Refusals),
)]
pub async fn enrol(State(state): State<AppState>, who: SignedIn) -> AppResult<Json<Enrolment>> {
    start_enrolment(&state, &who.agent)
        .await?
        .map(Json)
        .ok_or_else(|| {
            AppError::client(
                ErrorCode::ValidationFailed,
                "A second factor is on already. Turn it off first to set up another app.",
            )
        })
}

/// `POST /console/api/second-factor/enrolment/confirm` `{"code"}`: turns it on; the answer's
/// recovery codes are shown once.
#[utoipa::path(
    post, path = "/second-factor/enrolment/confirm", tag = "second_factor",
    operation_id = "console_confirm_second_factor",
    summary = "Turn the second factor on with the app's first code",
    security(("console_session" = [])),
    request_body = ConfirmCode,
    responses((status = 200, description = "On; the recovery codes are shown this once",
        body = RecoveryCodes), Refusals),
)]
pub async fn confirm(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    who: SignedIn,
    ApiJson(req): ApiJson<ConfirmCode>,
) -> AppResult<Json<RecoveryCodes>> {
    if req.code.trim().is_empty() || req.code.len() > CODE_MAX {
        return Err(refuse("code", "Enter the 6-digit code the app shows."));
    }
    super::reserve(&state, &who.agent.id, &address).await?;
    let Some(recovery_codes) = finish_enrolment(&state, &who.agent, &req.code).await? else {
        return Err(refuse(
            "code",
            "This code is not right (or nothing waits to be confirmed: start again). Check the \
             phone's clock is right.",
        ));
    };
    super::succeeded(&state, &who.agent.id, &address).await?;
    Ok(Json(RecoveryCodes { recovery_codes }))
}

/// `POST /console/api/second-factor/disable` `{"password"}` or `{"code"}`: `204`. Tries are
/// counted like sign-in codes, so a session left open cannot be used to guess the password.
#[utoipa::path(
    post, path = "/second-factor/disable", tag = "second_factor",
    operation_id = "console_disable_second_factor",
    summary = "Turn the second factor off, with the password or a current code",
    description = "Either `password` or `code`; tries are throttled like sign-in codes, so an \
        open session is not enough to guess the password.",
    security(("console_session" = [])),
    request_body = TurnOff,
    responses((status = 204, description = "Off"), Refusals),
)]
pub async fn disable(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    who: SignedIn,
    ApiJson(req): ApiJson<TurnOff>,
) -> AppResult<StatusCode> {
    if req.password.is_empty() && req.code.trim().is_empty() {
        return Err(refuse(
            "password",
            "Enter your password, or a code from the app.",
        ));
    }
    if req.password.chars().count() > PASSWORD_MAX || req.code.len() > CODE_MAX {
        return Err(refuse("password", "This is too long."));
    }
    if !store::enabled(&state.db, &who.agent.id).await? {
        return Err(AppError::client(
            ErrorCode::ValidationFailed,
            "No second factor is on for this account.",
        ));
    }
    super::reserve(&state, &who.agent.id, &address).await?;
    let right = if req.password.is_empty() {
        use_code(&state, &who.agent, &req.code).await?.is_some()
    } else {
        password::verify_async(Some(who.agent.password_hash.clone()), req.password.clone())
            .await
            .ok_or_else(|| {
                AppError::later(
                    ErrorCode::TooManyAttempts,
                    "The server is busy. Try again in a few seconds.",
                    5_000,
                )
            })?
    };
    if !right {
        return Err(if req.password.is_empty() {
            refuse("code", "This code is not right, or it was used already.")
        } else {
            refuse("password", "This password is not right.")
        });
    }
    super::succeeded(&state, &who.agent.id, &address).await?;
    store::remove(&state.db, &who.agent.id).await?;
    audit::record(
        &state.db,
        &who.agent.tenant_id,
        &who.agent.id,
        "second_factor.disable",
        &who.agent.email,
        "",
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
