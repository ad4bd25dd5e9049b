//! Console sessions: an HttpOnly cookie names the session; state-changing requests also carry
//! the session's CSRF token in `X-CSRF-Token`, which a page on another site cannot read.

use super::{
    Agent,
    store::{self, Session},
};
use crate::{db::Db, error::AppError, state::AppState, time::now_ms};
use axum::{
    extract::FromRequestParts,
    http::{Method, header, request::Parts},
};
use base64::Engine as _;
use panelcare_model::ErrorCode;
use rand::RngCore as _;
use sha2::{Digest, Sha256};

pub const COOKIE: &str = "panelcare_session";
/// A session ends this long after sign-in, whatever happens in between.
pub const LIFETIME_MS: i64 = 12 * 3600 * 1000;

/// A new session: the token for the cookie (only its hash is stored) and the CSRF token.
#[derive(Debug)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
    pub expires_at: i64,
}

/// 32 random bytes, URL-safe base64: a session's or a reset link's token.
pub(crate) fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored of a token: its SHA-256, hex.
pub(crate) fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub async fn create(db: &Db, agent_id: &str) -> Result<NewSession, sqlx::Error> {
    let (token, csrf_token) = (random_token(), random_token());
    let now = now_ms();
    let expires_at = now + LIFETIME_MS;
    let session = Session {
        agent_id: agent_id.to_owned(),
        csrf_token: csrf_token.clone(),
        expires_at,
    };
    store::create_session(db, &token_hash(&token), &session, now).await?;
    Ok(NewSession {
        token,
        csrf_token,
        expires_at,
    })
}

pub async fn delete(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    store::delete_session(db, &token_hash(token)).await
}

/// The `Set-Cookie` value that stores `token` (or, with `None`, removes it).
pub fn cookie(token: Option<&str>) -> String {
    let attrs = "Path=/console; HttpOnly; Secure; SameSite=Strict";
    match token {
        Some(t) => format!("{COOKIE}={t}; {attrs}; Max-Age={}", LIFETIME_MS / 1000),
        None => format!("{COOKIE}=; {attrs}; Max-Age=0"),
    }
}

fn cookie_token(parts: &Parts) -> Option<String> {
    cookie_value(&parts.headers, COOKIE)
}

/// The value of the cookie `name` a request carries.
pub fn cookie_value(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_owned())
}

/// The agent a request comes from, with a live session and, for anything but reads, the
/// right CSRF token.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub agent: Agent,
    pub token: String,
    pub csrf_token: String,
    pub expires_at: i64,
}

impl SignedIn {
    /// The tenants this account sees.
    pub fn scope(&self) -> crate::tenants::Scope {
        super::scope::of(&self.agent)
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let not_signed_in =
            || AppError::client(ErrorCode::NotSignedIn, "Sign in to the console first.");
        let token = cookie_token(parts).ok_or_else(not_signed_in)?;
        let Session {
            agent_id,
            csrf_token,
            expires_at,
        } = store::session(&state.db, &token_hash(&token))
            .await?
            .ok_or_else(not_signed_in)?;
        if expires_at <= now_ms() {
            delete(&state.db, &token).await?;
            return Err(AppError::client(
                ErrorCode::NotSignedIn,
                "Your console session has expired. Sign in again.",
            ));
        }
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe {
            let sent = parts
                .headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok());
            if !sent.is_some_and(|s| constant_time_eq(s.as_bytes(), csrf_token.as_bytes())) {
                return Err(AppError::client(
                    ErrorCode::CsrfFailed,
                    "This request lacks the session's X-CSRF-Token; reload the console.",
                ));
            }
        }
        let agent = store::by_id(&state.db, &agent_id)
            .await?
            .ok_or_else(not_signed_in)?;
        Ok(Self {
            agent,
            token,
            csrf_token,
            expires_at,
        })
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
