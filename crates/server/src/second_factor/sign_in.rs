//! Signing in with a second factor: `POST /login` takes the password step and either opens
//! the session (no second factor, none required) or answers `401 second_factor_required`
//! with a challenge; the challenge then goes back with a code (`/login/second-factor`) or,
//! when the tenant requires a second factor the account lacks, sets one up first
//! (`/login/second-factor/enrolment`, then `…/confirm`, which also opens the session).
//!
//! A challenge is a random token of which only a hash is stored; it works for
//! [`super::CHALLENGE_LIFETIME_MS`] and opens one session. Wrong codes leave it working (a
//! typo does not send anyone back to the password) but count against the account.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use panelcare_model::{
    ApiError, ErrorCode,
    console::LoginRequest,
    second_factor::{Challenge, ChallengeAnswer, ChallengeBody, EnrolledSignIn, Enrolment},
};

use super::{CHALLENGE_LIFETIME_MS, finish_enrolment, refuse, start_enrolment, store, use_code};
use crate::{
    client_address::ClientAddress,
    console::{
        Agent,
        login::{open_session, password_step},
        session::{random_token, token_hash},
        store as accounts,
    },
    error::{AppError, AppResult},
    extract::ApiJson,
    state::AppState,
    time::{now_ms, rfc3339},
};

const TOKEN_MAX: usize = 200;
const CODE_MAX: usize = 64;

/// `POST /console/api/login` `{"email", "password"}`.
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> AppResult<Response> {
    let agent = password_step(&state, &address, &headers, &req).await?;
    let enabled = store::enabled(&state.db, &agent.id).await?;
    let enrol = !enabled && super::required_for(&state, &agent).await?;
    if !enabled && !enrol {
        let (headers, session) = open_session(&state, &agent).await?;
        return Ok((StatusCode::OK, headers, Json(session)).into_response());
    }
    let token = random_token();
    let now = now_ms();
    let expires_at = now + CHALLENGE_LIFETIME_MS;
    let challenge = store::Challenge {
        agent_id: agent.id.clone(),
        enrol,
    };
    store::insert_challenge(&state.db, &token_hash(&token), &challenge, expires_at, now).await?;
    let message = if enrol {
        "Your organisation requires a second factor: set up an authenticator app to sign in."
    } else {
        "Enter the code from your authenticator app."
    };
    let body = ChallengeBody {
        error: ApiError {
            code: ErrorCode::SecondFactorRequired,
            message: message.into(),
            fields: Vec::new(),
        },
        second_factor: Challenge {
            challenge: token,
            expires_at: rfc3339(expires_at),
            enrol,
        },
    };
    Ok((StatusCode::UNAUTHORIZED, Json(body)).into_response())
}

/// The challenge is unknown, used or expired: the sign-in starts over with the password.
fn start_over() -> AppError {
    AppError::client(
        ErrorCode::NotSignedIn,
        "This sign-in has expired or was used. Enter your e-mail and password again.",
    )
}

fn wrong_code() -> AppError {
    AppError::client(
        ErrorCode::InvalidCredentials,
        "This code is not right, or it was used already. Wait for the next code from the app, \
         or use a recovery code.",
    )
}

/// The account of the working challenge `token`, if it is of the kind (`enrol`) asked for.
async fn challenged(state: &AppState, token: &str, enrol: bool) -> AppResult<Agent> {
    if token.is_empty() || token.len() > TOKEN_MAX {
        return Err(start_over());
    }
    let challenge = store::challenge(&state.db, &token_hash(token), now_ms())
        .await?
        .ok_or_else(start_over)?;
    if challenge.enrol != enrol {
        return Err(refuse(
            "challenge",
            if enrol {
                "This sign-in asks for a code, not a new authenticator app."
            } else {
                "Set up an authenticator app first: this sign-in requires one."
            },
        ));
    }
    accounts::by_id(&state.db, &challenge.agent_id)
        .await?
        .ok_or_else(start_over)
}

/// Uses the challenge `token` up and opens `agent`'s session; a parallel answer that used it
/// first wins and this one starts over.
async fn take_and_open(
    state: &AppState,
    token: &str,
    agent: &Agent,
) -> AppResult<(HeaderMap, panelcare_model::console::SessionInfo)> {
    if !store::take_challenge(&state.db, &token_hash(token), now_ms()).await? {
        return Err(start_over());
    }
    open_session(state, agent).await
}

/// `POST /console/api/login/second-factor` `{"challenge", "code"}`: a code from the app or a
/// recovery code opens the session.
pub async fn second_step(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(req): ApiJson<ChallengeAnswer>,
) -> AppResult<Response> {
    let agent = challenged(&state, &req.challenge, false).await?;
    // Neither shape is a typo to tell at once, not a guess to count.
    if req.code.len() > CODE_MAX || !super::code_shaped(&req.code) {
        return Err(refuse(
            "code",
            "Enter the 6-digit code from the app, or a recovery code (xxxxx-xxxxx).",
        ));
    }
    super::reserve(&state, &agent.id, &address).await?;
    if use_code(&state, &agent, &req.code).await?.is_none() {
        return Err(wrong_code());
    }
    super::succeeded(&state, &agent.id, &address).await?;
    let (headers, session) = take_and_open(&state, &req.challenge, &agent).await?;
    Ok((StatusCode::OK, headers, Json(session)).into_response())
}

/// `POST /console/api/login/second-factor/enrolment` `{"challenge"}`: a new secret for the
/// app, during a sign-in whose tenant requires a second factor.
pub async fn enrol(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<ChallengeAnswer>,
) -> AppResult<Json<Enrolment>> {
    let agent = challenged(&state, &req.challenge, true).await?;
    start_enrolment(&state, &agent)
        .await?
        .map(Json)
        // Set up meanwhile (in another browser): the sign-in asks for a code now.
        .ok_or_else(start_over)
}

/// `POST /console/api/login/second-factor/enrolment/confirm` `{"challenge", "code"}`: the
/// app's first code turns the second factor on and opens the session; the answer carries the
/// recovery codes, shown once.
pub async fn confirm_enrolment(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(req): ApiJson<ChallengeAnswer>,
) -> AppResult<Response> {
    let agent = challenged(&state, &req.challenge, true).await?;
    if req.code.trim().is_empty() || req.code.len() > CODE_MAX {
        return Err(refuse("code", "Enter the 6-digit code the app shows."));
    }
    super::reserve(&state, &agent.id, &address).await?;
    let Some(recovery_codes) = finish_enrolment(&state, &agent, &req.code).await? else {
        return Err(refuse(
            "code",
            "This code is not right. Check the app shows panelcare's new entry, and that the \
             phone's clock is right.",
        ));
    };
    super::succeeded(&state, &agent.id, &address).await?;
    let (headers, session) = take_and_open(&state, &req.challenge, &agent).await?;
    let body = EnrolledSignIn {
        session,
        recovery_codes,
    };
    Ok((StatusCode::OK, headers, Json(body)).into_response())
}
