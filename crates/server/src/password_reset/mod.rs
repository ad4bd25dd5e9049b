//! Password reset for console accounts: `POST /console/api/password-reset` sends a one-time
//! link to the account's e-mail (through the notifications outbox, so it is retried like any
//! e-mail), and `POST /console/api/password-reset/confirm` sets the new password with it.
//!
//! The request answers the same whether or not an account has the e-mail, and is throttled
//! per e-mail and per client address, so it neither tells who has an account nor floods an
//! inbox. A link works once, for [`LIFETIME_MS`]; setting a password ends every session of
//! the account and every other link it had.

pub mod store;

use axum::{Json, extract::State, http::StatusCode, routing::post};
use panelcare_model::{
    ErrorCode, FieldError,
    console::{PASSWORD_MIN, PasswordResetConfirm, PasswordResetRequest},
    error::FieldErrorCode,
};
use utoipa_axum::router::OpenApiRouter;

use crate::{
    audit,
    client_address::ClientAddress,
    console::{
        password,
        session::{random_token, token_hash},
        store as accounts,
        throttle::{self, Policy},
    },
    error::{AppError, AppResult},
    extract::ApiJson,
    metrics, notify,
    state::AppState,
    time::now_ms,
};

/// How long a link works.
pub const LIFETIME_MS: i64 = 30 * 60_000;

/// Links per e-mail: three at once, then a pause of a minute doubling to an hour.
const LINKS_PER_EMAIL: Policy = Policy {
    free: 3,
    first_ms: 60_000,
    max_ms: 60 * 60_000,
};

const EMAIL_MAX: usize = 320;
const PASSWORD_MAX: usize = 1024;

/// Routes under `/console/api` (no session: the person asking cannot sign in).
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .route("/password-reset", post(request))
        .route("/password-reset/confirm", post(confirm))
}

fn too_many(wait_ms: i64) -> AppError {
    metrics::refused("password_reset");
    AppError::later(
        ErrorCode::TooManyAttempts,
        format!(
            "Too many reset requests. Try again in {} minutes.",
            (wait_ms.max(1) + 59_999) / 60_000
        ),
        wait_ms,
    )
}

/// `POST /password-reset` `{"email"}`: `202` whatever the e-mail.
pub async fn request(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(req): ApiJson<PasswordResetRequest>,
) -> AppResult<(StatusCode, Json<serde_json::Value>)> {
    let email = req.email.trim();
    if email.is_empty() || email.chars().count() > EMAIL_MAX {
        return Err(AppError::validation(vec![FieldError::new(
            "email",
            if email.is_empty() {
                FieldErrorCode::Required
            } else {
                FieldErrorCode::TooLong
            },
            "Enter the e-mail you sign in with.",
        )]));
    }
    let now = now_ms();
    let counts = [
        (
            format!("reset:{}", throttle::address_key(&address)),
            throttle::PER_ADDRESS,
        ),
        (
            format!("reset:{}", throttle::email_key(email)),
            LINKS_PER_EMAIL,
        ),
    ];
    for (key, policy) in counts {
        if let Some(wait) = throttle::reserve(&state.db, &key, policy, now).await? {
            return Err(too_many(wait));
        }
    }
    if let Some(agent) = accounts::by_email(&state.db, email).await? {
        let token = random_token();
        store::insert(
            &state.db,
            &token_hash(&token),
            &agent.id,
            now + LIFETIME_MS,
            now,
        )
        .await?;
        let base = state.config.public_url.trim_end_matches('/');
        if base.is_empty() {
            tracing::warn!("a password reset link was sent without --public-url: it is relative");
        }
        let body = format!(
            "Someone (we hope you) asked to set a new password for {email} on panelcare.\n\n\
             Open this link within 30 minutes to choose one; it works once:\n\n\
             {base}/console/#reset={token}\n\n\
             If it was not you, ignore this e-mail: your password stays as it is.\n",
            email = agent.email
        );
        let mut conn = state.db.pool.acquire().await?;
        notify::store::insert(
            &mut conn,
            &notify::store::NewDelivery {
                tenant_id: &agent.tenant_id,
                channel: "email",
                target: &agent.email,
                event: "account.password_reset",
                subject: "Set a new panelcare password",
                body: &body,
                ticket_id: None,
            },
            now,
        )
        .await?;
    }
    Ok((
        StatusCode::ACCEPTED,
        Json(serde_json::json!({
            "message": "If an account has this e-mail, a link to set a new password is on its \
                        way. It works once, for 30 minutes."
        })),
    ))
}

fn dead_link() -> AppError {
    AppError::validation(vec![FieldError::new(
        "token",
        FieldErrorCode::UnknownValue,
        "This link does not work any more: it was used, it expired, or it is not one we sent. \
         Ask for a new one.",
    )])
}

/// Forgets links that stopped working a day ago or more; run by the jobs loop.
pub async fn sweep(state: &AppState) -> Result<u64, sqlx::Error> {
    store::sweep(&state.db, now_ms() - 24 * 60 * 60_000).await
}

fn validate(req: &PasswordResetConfirm) -> Result<(), AppError> {
    let mut fields = Vec::new();
    if req.token.is_empty() || req.token.len() > 200 {
        fields.push(FieldError::new(
            "token",
            FieldErrorCode::Required,
            "Open the link from the e-mail.",
        ));
    }
    let chars = req.password.chars().count();
    if chars < PASSWORD_MIN {
        fields.push(FieldError::new(
            "password",
            if chars == 0 {
                FieldErrorCode::Required
            } else {
                FieldErrorCode::OutOfRange
            },
            format!("Choose a password of at least {PASSWORD_MIN} characters."),
        ));
    } else if chars > PASSWORD_MAX {
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

/// `POST /password-reset/confirm` `{"token", "password"}`: `204` once the password is set.
pub async fn confirm(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(req): ApiJson<PasswordResetConfirm>,
) -> AppResult<StatusCode> {
    validate(&req)?;
    let hash_of_token = token_hash(&req.token);
    // Checked before the hash (a made-up link costs no hashing turn), used only after it (a
    // busy server leaves the link working).
    if !store::usable(&state.db, &hash_of_token, now_ms()).await? {
        return Err(dead_link());
    }
    let new_password = req.password.clone();
    let hashed = password::off_runtime(move || password::hash(&new_password))
        .await
        .ok_or_else(|| {
            AppError::later(
                ErrorCode::TooManyAttempts,
                "The server is busy. Try again in a few seconds; the link still works.",
                5_000,
            )
        })?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let Some(agent_id) = store::take(&state.db, &hash_of_token, now_ms()).await? else {
        return Err(dead_link());
    };
    store::set_password(&state.db, &agent_id, &hashed).await?;
    if let Some(agent) = accounts::by_id(&state.db, &agent_id).await? {
        // The owner is back in: the e-mail's failed sign-ins no longer slow them down.
        throttle::succeeded(
            &state.db,
            &throttle::email_key(&agent.email),
            &throttle::address_key(&address),
        )
        .await?;
        audit::record(
            &state.db,
            &agent.tenant_id,
            &agent.id,
            "account.password_reset",
            &agent.id,
            "",
        )
        .await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
