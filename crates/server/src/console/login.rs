//! Signing in and out of the console.

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
    Agent, password,
    session::{self, SignedIn},
    store,
};
use crate::{
    error::{AppError, AppResult},
    extract::ApiJson,
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

pub async fn login(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<LoginRequest>,
) -> AppResult<Response> {
    validate(&req)?;
    let Some(agent) = store::by_email(&state.db, &req.email).await? else {
        password::verify_nobody(&req.password);
        return Err(invalid_credentials());
    };
    let now = now_ms();
    if let Some(until) = agent.locked_until.filter(|u| *u > now) {
        let wait_secs = (until - now + 999) / 1000;
        let mut res = AppError::client(
            ErrorCode::TooManyAttempts,
            format!(
                "Too many failed sign-ins. Try again in {} minutes.",
                (wait_secs + 59) / 60
            ),
        )
        .into_response();
        if let Ok(v) = HeaderValue::from_str(&wait_secs.to_string()) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Ok(res);
    }
    if !password::verify(&agent.password_hash, &req.password) {
        let failures = store::count_failure(&state.db, &agent.id).await?;
        if let Some(ms) = password::lockout_ms(failures) {
            store::lock_until(&state.db, &agent.id, now_ms() + ms).await?;
        }
        return Err(invalid_credentials());
    }
    store::clear_failures(&state.db, &agent.id).await?;
    let new = session::create(&state.db, &agent.id).await?;
    let mut headers = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&session::cookie(Some(&new.token))) {
        headers.insert(header::SET_COOKIE, v);
    }
    let body = info(&agent, &new.csrf_token, new.expires_at);
    Ok((StatusCode::OK, headers, Json(body)).into_response())
}

pub async fn logout(State(state): State<AppState>, who: SignedIn) -> AppResult<Response> {
    session::delete(&state.db, &who.token).await?;
    let mut headers = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&session::cookie(None)) {
        headers.insert(header::SET_COOKIE, v);
    }
    Ok((StatusCode::NO_CONTENT, headers).into_response())
}

pub async fn me(who: SignedIn) -> Json<SessionInfo> {
    Json(info(&who.agent, &who.csrf_token, who.expires_at))
}
