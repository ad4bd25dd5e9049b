//! Signing in and out of the console: the password step of a sign-in, opening a session, signing
//! out and `/me`.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use panelcare_model::{
    ErrorCode, FieldError,
    console::{AgentInfo, LoginRequest, SessionInfo},
    error::FieldErrorCode,
};

use super::{
    Agent, device, password,
    session::{self, SignedIn},
    store, throttle,
};
use crate::{
    error::{AppError, AppResult},
    metrics,
    openapi::Refusals,
    state::AppState,
    time::{now_ms, rfc3339},
};

const EMAIL_MAX: usize = 320;
const PASSWORD_MAX: usize = 1024;

fn info(agent: &Agent, csrf_token: &str, expires_at: i64) -> SessionInfo {
    SessionInfo {
        agent: AgentInfo {
            id: agent.id.clone(),
            email: agent.email.clone(),
            name: agent.name.clone(),
            role: agent.role,
            tenant_id: agent.tenant_id.clone(),
            tenant_name: agent.tenant_name.clone(),
        },
        csrf_token: csrf_token.to_owned(),
        expires_at: rfc3339(expires_at),
    }
}

fn validate(req: &LoginRequest) -> Result<(), AppError> {
    let mut fields = Vec::new();
    if req.email.trim().is_empty() {
        fields.push(FieldError::new(
            "email",
            FieldErrorCode::Required,
            "Enter your e-mail.",
        ));
    } else if req.email.chars().count() > EMAIL_MAX {
        fields.push(FieldError::new(
            "email",
            FieldErrorCode::TooLong,
            "This e-mail is too long.",
        ));
    }
    if req.password.is_empty() {
        fields.push(FieldError::new(
            "password",
            FieldErrorCode::Required,
            "Enter your password.",
        ));
    } else if req.password.chars().count() > PASSWORD_MAX {
        fields.push(FieldError::new(
            "password",
            FieldErrorCode::TooLong,
            "This password is too long.",
        ));
    }
    if fields.is_empty() {
        Ok(())
    } else {
        Err(AppError::validation(fields))
    }
}

fn invalid_credentials() -> AppError {
    AppError::client(
        ErrorCode::InvalidCredentials,
        "The e-mail or the password is not right.",
    )
}

fn throttled(wait_ms: i64) -> AppError {
    metrics::refused("sign_in");
    AppError::later(
        ErrorCode::TooManyAttempts,
        format!(
            "Too many sign-in attempts. Try again in {} seconds.",
            (wait_ms.max(1) + 999) / 1000
        ),
        wait_ms,
    )
}

/// Reserves an attempt by the client's address, then by the e-mail (`email_key`); the first
/// that says wait decides.
async fn reserve(state: &AppState, email_key: &str, address: &str) -> AppResult<()> {
    let now = now_ms();
    let counts = [
        (throttle::address_key(address), throttle::PER_ADDRESS),
        (email_key.to_owned(), throttle::PER_EMAIL),
    ];
    for (key, policy) in counts {
        // A pause this instance was told of ends at its time whatever else happens (a
        // refused attempt moves nothing), so until then it refuses from memory: a flood of
        // sign-ins then costs a lookup, not three writes, and holds no connection others need.
        let paused = throttle::paused(&key);
        if let Some(wait) = state.refusals.wait(&paused, now) {
            return Err(throttled(wait));
        }
        if let Some(wait) = throttle::reserve(&state.db, &key, policy, now).await? {
            state.refusals.note(paused, now + wait);
            return Err(throttled(wait));
        }
    }
    Ok(())
}

/// The first step of `POST /console/api/login` (the route is the second factor's, which
/// decides what follows: `second_factor/sign_in.rs`): the account whose password this is.
/// The attempt is reserved (and counted as failed) before the password is checked, so
/// parallel attempts get no more tries than serial ones; an unknown e-mail is checked against
/// a dummy hash and counted like a known one.
pub async fn password_step(
    state: &AppState,
    address: &str,
    request_headers: &HeaderMap,
    req: &LoginRequest,
) -> AppResult<Agent> {
    validate(req)?;
    // A browser the owner signed in on before is counted apart from strangers' tries.
    let email_key = if device::is_known(state, request_headers, &req.email) {
        throttle::device_key(&req.email)
    } else {
        throttle::email_key(&req.email)
    };
    reserve(state, &email_key, address).await?;
    let agent = store::by_email(&state.db, &req.email).await?;
    let stored = agent.as_ref().map(|a| a.password_hash.clone());
    let Some(right) = password::verify_async(stored, req.password.clone()).await else {
        // The server was too busy to check: the attempt was not made, so it is not counted.
        throttle::not_made(&state.db, &email_key, &throttle::address_key(address)).await?;
        return Err(password::busy());
    };
    let Some(agent) = agent.filter(|_| right) else {
        return Err(invalid_credentials());
    };
    throttle::succeeded(&state.db, &email_key, &throttle::address_key(address)).await?;
    Ok(agent)
}

/// Signs `agent` in: a new session, and the cookies that carry it and make this browser a
/// known device. The caller answers with the headers and the session's description.
pub async fn open_session(state: &AppState, agent: &Agent) -> AppResult<(HeaderMap, SessionInfo)> {
    let new = session::create(&state.db, &agent.id).await?;
    let mut headers = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&session::cookie(Some(&new.token))) {
        headers.append(header::SET_COOKIE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&device::cookie(state, &agent.email)) {
        headers.append(header::SET_COOKIE, v);
    }
    Ok((headers, info(agent, &new.csrf_token, new.expires_at)))
}

#[utoipa::path(
    post, path = "/logout", tag = "console", operation_id = "console_logout",
    summary = "Sign out: end this session",
    security(("console_session" = [])),
    responses((status = 204, description = "Signed out",
        headers(("Set-Cookie" = String, description = "Removes the session cookie (`Max-Age=0`)"))),
        Refusals),
)]
pub async fn logout(State(state): State<AppState>, who: SignedIn) -> AppResult<Response> {
    session::delete(&state.db, &who.token).await?;
    let mut headers = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&session::cookie(None)) {
        headers.insert(header::SET_COOKIE, v);
    }
    Ok((StatusCode::NO_CONTENT, headers).into_response())
}

#[utoipa::path(
    get, path = "/me", tag = "console", operation_id = "console_get_me",
    summary = "The signed-in account and its session",
    description = "Also gives the session's CSRF token again, e.g. after a reload of the console.",
    security(("console_session" = [])),
    responses((status = 200, body = SessionInfo), Refusals),
)]
pub async fn me(who: SignedIn) -> Json<SessionInfo> {
    Json(info(&who.agent, &who.csrf_token, who.expires_at))
}
