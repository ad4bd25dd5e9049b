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
    ApiError, ErrorBody, ErrorCode,
    console::{LoginRequest, SessionInfo},
    second_factor::{Challenge, ChallengeAnswer, ChallengeBody, EnrolledSignIn, Enrolment},
};
use utoipa::{
    PartialSchema, ToSchema,
    openapi::{Ref, RefOr, Schema, schema::AnyOfBuilder},
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
    openapi::Refusals,
    state::AppState,
    time::{now_ms, rfc3339},
};

const TOKEN_MAX: usize = 200;
const CODE_MAX: usize = 64;

/// The body of `POST /login`'s `401`, for the API document (the handler writes each answer
/// itself): the challenge when the password was right, the plain refusal when it was not.
/// `anyOf`, not `oneOf`: a challenge body is a valid `ErrorBody` too.
pub struct LoginUnauthorized;

impl PartialSchema for LoginUnauthorized {
    fn schema() -> RefOr<Schema> {
        AnyOfBuilder::new()
            .item(Ref::from_schema_name(ChallengeBody::name()))
            .item(Ref::from_schema_name(ErrorBody::name()))
            .description(Some(
                "`second_factor_required` with the challenge (`ChallengeBody`), or a refusal \
                 such as `invalid_credentials` (`ErrorBody`).",
            ))
            .into()
    }
}

impl ToSchema for LoginUnauthorized {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((ChallengeBody::name().into(), ChallengeBody::schema()));
        schemas.push((ErrorBody::name().into(), ErrorBody::schema()));
        ChallengeBody::schemas(schemas);
        ErrorBody::schemas(schemas);
    }
}

/// `POST /console/api/login` `{"email", "password"}`.
#[utoipa::path(
    post, path = "/login", tag = "console", operation_id = "console_login",
    summary = "Sign in with e-mail and password",
    description = "Without a second factor (and none required) the session opens at once. \
        With one, or when the tenant requires one the account lacks, the answer is \
        `401 second_factor_required` with a challenge and no cookie: the challenge goes to \
        `POST /login/second-factor` with a code, or (`enrol: true`) to \
        `POST /login/second-factor/enrolment` to set one up first. Attempts are throttled per \
        e-mail and per client address.",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in: the session's CSRF token goes in \
            `X-CSRF-Token` on every change", body = SessionInfo,
            headers(("Set-Cookie" = String, description = "Two cookies: the session \
                (`panelcare_session`, HttpOnly, `Path=/console`, 12 hours) and a known-device \
                mark (`Path=/console/api/login`) that keeps this browser's sign-ins apart from \
                strangers' failed tries"))),
        Refusals,
        // After `Refusals`, so it replaces their generic 401.
        (status = 401, description = "`second_factor_required` with the challenge (the \
            password was right), or `invalid_credentials` (the e-mail or password was not)",
            body = LoginUnauthorized),
    ),
)]
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
#[utoipa::path(
    post, path = "/login/second-factor", tag = "second_factor",
    operation_id = "console_login_second_factor",
    summary = "Finish a sign-in with a code from the app or a recovery code",
    description = "A wrong code (`401 invalid_credentials`) leaves the challenge working; an \
        expired or used one (`401 not_signed_in`) means starting over with the password. Wrong \
        codes are throttled per account and per client address.",
    request_body = ChallengeAnswer,
    responses(
        (status = 200, description = "Signed in", body = SessionInfo,
            headers(("Set-Cookie" = String, description = "The session cookie and the \
                known-device mark, as `POST /login` sets them"))),
        Refusals,
    ),
)]
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
#[utoipa::path(
    post, path = "/login/second-factor/enrolment", tag = "second_factor",
    operation_id = "console_login_enrol_second_factor",
    summary = "Set up an authenticator app during a sign-in that requires one",
    description = "Only for a challenge with `enrol: true`; `code` is not read. Asking again \
        replaces the secret that waited.",
    request_body = ChallengeAnswer,
    responses((status = 200, description = "A new secret waiting for its first code",
        body = Enrolment), Refusals),
)]
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
#[utoipa::path(
    post, path = "/login/second-factor/enrolment/confirm", tag = "second_factor",
    operation_id = "console_login_confirm_second_factor",
    summary = "Turn the new second factor on with its first code, and sign in",
    request_body = ChallengeAnswer,
    responses(
        (status = 200, description = "Signed in; the recovery codes are shown this once",
            body = EnrolledSignIn,
            headers(("Set-Cookie" = String, description = "The session cookie and the \
                known-device mark, as `POST /login` sets them"))),
        Refusals,
    ),
)]
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
