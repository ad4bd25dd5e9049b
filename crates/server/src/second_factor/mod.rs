//! The console's optional second factor: a TOTP authenticator app (RFC 6238), with one-time
//! recovery codes for a lost phone. An account turns it on in the console (a code from the
//! app confirms it); from then on a right password alone opens no session: the sign-in answers
//! `401 second_factor_required` with a short-lived, single-use challenge, and
//! `POST /login/second-factor` with that challenge and a code opens the session.
//!
//! A tenant's admins may require a second factor of the tenant's accounts (a provider's
//! requirement covers its resellers' accounts too). An account it covers that has none gets an
//! enrolment challenge instead: it sets one up during the sign-in, and only then gets its
//! session. Admins reset a member's second factor (a lost phone); everything is audited.
//!
//! Secrets are sealed under the server's key like every stored secret (`secrets/`), a code is
//! accepted once (the step of the last one is kept), and wrong codes are throttled per account
//! and per client address like passwords, never locking anybody out for good.

mod account;
mod admin;
mod qr;
pub mod recovery;
mod sign_in;
pub mod store;
pub mod totp;

use panelcare_model::{ErrorCode, second_factor::Enrolment};
use rand::RngCore as _;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    audit,
    console::{Agent, throttle},
    error::{AppError, AppResult},
    state::AppState,
    time::now_ms,
};

/// How long a sign-in waits for its second factor.
pub const CHALLENGE_LIFETIME_MS: i64 = 5 * 60_000;

/// Wrong codes per account: five free tries, then a pause of 1 s doubling to 15 minutes.
/// Six digits are a million guesses, so the pause grows further than a password's; it still
/// ends, so the owner is never locked out for good.
pub const CODES_PER_ACCOUNT: throttle::Policy = throttle::Policy {
    free: 5,
    first_ms: 1_000,
    max_ms: 15 * 60_000,
};

/// Routes under `/console/api`.
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_in::login))
        .routes(routes!(sign_in::second_step))
        .routes(routes!(sign_in::enrol))
        .routes(routes!(sign_in::confirm_enrolment))
        .routes(routes!(account::status))
        .routes(routes!(account::enrol))
        .routes(routes!(account::confirm))
        .routes(routes!(account::disable))
        .routes(routes!(admin::enrolled))
        .routes(routes!(admin::reset))
        .routes(routes!(admin::requirement, admin::set_requirement))
}

/// The throttle count of `agent_id`'s code tries.
fn codes_key(agent_id: &str) -> String {
    format!("second_factor:{agent_id}")
}

fn throttled(wait_ms: i64) -> AppError {
    AppError::later(
        ErrorCode::TooManyAttempts,
        format!(
            "Too many wrong codes. Try again in {} seconds.",
            (wait_ms.max(1) + 999) / 1000
        ),
        wait_ms,
    )
}

/// Reserves a code try for `agent_id` from `address` before the code is checked, so a
/// parallel burst gets no more tries than a serial one.
async fn reserve(state: &AppState, agent_id: &str, address: &str) -> AppResult<()> {
    let now = now_ms();
    for (key, policy) in [
        (throttle::address_key(address), throttle::PER_ADDRESS),
        (codes_key(agent_id), CODES_PER_ACCOUNT),
    ] {
        if let Some(wait) = throttle::reserve(&state.db, &key, policy, now).await? {
            return Err(throttled(wait));
        }
    }
    Ok(())
}

/// The try reserved by [`reserve`] was right: the account's wrong codes are forgotten.
async fn succeeded(state: &AppState, agent_id: &str, address: &str) -> AppResult<()> {
    throttle::succeeded(
        &state.db,
        &codes_key(agent_id),
        &throttle::address_key(address),
    )
    .await?;
    Ok(())
}

/// A typed six-digit code without the spaces apps show in its middle.
fn digits(typed: &str) -> Option<String> {
    let code: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    (code.len() == panelcare_model::second_factor::CODE_DIGITS
        && code.bytes().all(|b| b.is_ascii_digit()))
    .then_some(code)
}

/// Whether `typed` looks like a code from the app or a recovery code.
fn code_shaped(typed: &str) -> bool {
    digits(typed).is_some() || recovery::looks_like(typed)
}

/// How a code was accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Accepted {
    App,
    RecoveryCode,
}

/// Checks `typed` — a current code from the app or an unused recovery code — against
/// `agent`'s confirmed second factor and uses it up: the code's step (and every earlier one)
/// or the recovery code is never accepted again. `None`: not right.
async fn use_code(state: &AppState, agent: &Agent, typed: &str) -> AppResult<Option<Accepted>> {
    let now = now_ms();
    if let Some(code) = digits(typed) {
        let Some(factor) = store::factor(&state.db, &agent.id).await? else {
            return Ok(None);
        };
        if factor.confirmed_at.is_none() {
            return Ok(None);
        }
        let secret = totp::from_base32(&factor.secret)
            .ok_or_else(|| AppError::Internal("a stored TOTP secret is not base32".into()))?;
        let Some(step) = totp::matching_step(&secret, &code, now) else {
            return Ok(None);
        };
        return Ok(store::accept_step(&state.db, &agent.id, step)
            .await?
            .then_some(Accepted::App));
    }
    if recovery::looks_like(typed) {
        let hash = recovery::hash(&agent.id, typed);
        if store::use_recovery_code(&state.db, &agent.id, &hash, now).await? {
            audit::record(
                &state.db,
                &agent.tenant_id,
                &agent.id,
                "second_factor.recovery_code_used",
                &agent.email,
                "",
            )
            .await?;
            return Ok(Some(Accepted::RecoveryCode));
        }
    }
    Ok(None)
}

/// Starts an enrolment for `agent`: a new random secret kept (sealed) as waiting for its
/// first code, described for the authenticator app. `None` when the account has a confirmed
/// second factor already.
async fn start_enrolment(state: &AppState, agent: &Agent) -> AppResult<Option<Enrolment>> {
    let mut bytes = [0u8; totp::SECRET_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = totp::base32(&bytes);
    if !store::start(&state.db, &agent.id, &secret, now_ms()).await? {
        return Ok(None);
    }
    let uri = totp::uri(&agent.tenant_name, &agent.email, &secret);
    let qr = qr::data_url(&uri)
        .ok_or_else(|| AppError::Internal("the enrolment address does not fit a QR code".into()))?;
    Ok(Some(Enrolment { secret, uri, qr }))
}

/// Confirms `agent`'s waiting enrolment with its first code: turned on, audited, and its
/// recovery codes (to show once). `Ok(None)`: the code is not right (or nothing waits).
async fn finish_enrolment(
    state: &AppState,
    agent: &Agent,
    typed: &str,
) -> AppResult<Option<Vec<String>>> {
    let Some(factor) = store::factor(&state.db, &agent.id).await? else {
        return Ok(None);
    };
    if factor.confirmed_at.is_some() {
        return Ok(None);
    }
    let Some(code) = digits(typed) else {
        return Ok(None);
    };
    let secret = totp::from_base32(&factor.secret)
        .ok_or_else(|| AppError::Internal("a stored TOTP secret is not base32".into()))?;
    let now = now_ms();
    let Some(step) = totp::matching_step(&secret, &code, now) else {
        return Ok(None);
    };
    let codes = recovery::generate(panelcare_model::second_factor::RECOVERY_CODES);
    let hashes: Vec<String> = codes.iter().map(|c| recovery::hash(&agent.id, c)).collect();
    if !store::confirm(&state.db, &agent.id, &factor.sealed, step, &hashes, now).await? {
        return Ok(None);
    }
    audit::record(
        &state.db,
        &agent.tenant_id,
        &agent.id,
        "second_factor.enable",
        &agent.email,
        "",
    )
    .await?;
    Ok(Some(codes))
}

/// Whether `agent`'s tenant, or its provider, requires a second factor.
async fn required_for(state: &AppState, agent: &Agent) -> AppResult<bool> {
    let (own, by_provider) = store::requirement(&state.db, &agent.tenant_id).await?;
    Ok(own || by_provider)
}

/// Forgets challenges that expired a day ago or more; run by the jobs loop.
pub async fn sweep(state: &AppState) -> Result<u64, sqlx::Error> {
    store::sweep(&state.db, now_ms() - 24 * 60 * 60_000).await
}

/// A field error on `field`, for the forms that send a code or a password.
fn refuse(field: &str, message: &str) -> AppError {
    AppError::validation(vec![panelcare_model::FieldError::new(
        field,
        panelcare_model::error::FieldErrorCode::UnknownValue,
        message,
    )])
}
