//! Password reset for console accounts: `POST /console/api/password-reset` sends a one-time
//! link to the account's e-mail (through the notifications outbox, so it is retried like any
//! e-mail), and `POST /console/api/password-reset/confirm` sets the new password with it.
//!
//! The request answers the same whether or not an account has the e-mail, and is throttled
//! per e-mail and per client address, so it neither tells who has an account nor floods an
//! inbox. A link works once, for [`LIFETIME_MS`]; setting a password ends every session of
//! the account and every other link it had.

pub mod store;

use axum::{Json, extract::State, http::StatusCode};
use panelcare_model::{
    ErrorCode, FieldError,
    console::{PASSWORD_MIN, PasswordResetConfirm, PasswordResetRequest, ResetRequested},
    error::FieldErrorCode,
};
use utoipa_axum::{router::OpenApiRouter, routes};

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
    openapi::Refusals,
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
        .routes(routes!(request))
        .routes(routes!(confirm))
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
#[utoipa::path(
    post, path = "/password-reset", tag = "password_reset",
    operation_id = "console_request_password_reset",
    summary = "E-mail a one-time link to set a new password",
    description = "Answers the same whether or not an account has the e-mail, so it tells \
        nobody who has one. The link works once, for 30 minutes. Throttled per e-mail and per \
        client address.",
    request_body = PasswordResetRequest,
    responses((status = 202, description = "A link is on its way if the e-mail is an account's",
        body = ResetRequested), Refusals),
)]
pub async fn request(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(req): ApiJson<PasswordResetRequest>,
) -> AppResult<(StatusCode, Json<ResetRequested>)> {
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
                feedback_id: None,
            },
            now,
        )
        .await?;
    }
    Ok((
        StatusCode::ACCEPTED,
        Json(ResetRequested {
            message: "If an account has this e-mail, a link to set a new password is on its \
                      way. It works once, for 30 minutes."
                .into(),
        }),
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
#[utoipa::path(
    post, path = "/password-reset/confirm", tag = "password_reset",
    operation_id = "console_confirm_password_reset",
    summary = "Set a new password with the link's token",
    description = "Ends every session of the account and every other link it had. A used, \
        expired or unknown token is refused (`422` on `token`).",
    request_body = PasswordResetConfirm,
    responses((status = 204, description = "The password is set; sign in with it"), Refusals),
)]
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
