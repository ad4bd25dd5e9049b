//! The console's second-factor calls: the sign-in that may ask for one, its second step and
//! the enrolment a tenant can require during it, the account's own second factor, and what
//! admins do (reset a member's, require one of a tenant's accounts).

use panelcare_model::{
    ErrorCode,
    console::{LoginRequest, SessionInfo},
    second_factor::{
        Challenge, ChallengeAnswer, ChallengeBody, ConfirmCode, Enrolled, EnrolledSignIn,
        Enrolment, RecoveryCodes, Requirement, Status, TurnOff,
    },
};

use crate::api::{Api, ApiError, call, call_json, no_content, read};

/// How a sign-in with a right password went on.
#[derive(Debug, Clone, PartialEq)]
pub enum SignIn {
    Done(SessionInfo),
    /// A code is asked next (or, with `enrol`, an authenticator app to set up).
    SecondFactor(Challenge),
}

impl Api {
    /// `POST /login`: a session, or the challenge of a second factor.
    pub async fn login(email: &str, password: &str) -> Result<SignIn, ApiError> {
        let body = LoginRequest {
            email: email.into(),
            password: password.into(),
        };
        let (status, json) = call_json("POST", "/console/api/login", &body).await?;
        if status == 401
            && let Some(asked) = json
                .clone()
                .and_then(|j| serde_wasm_bindgen::from_value::<ChallengeBody>(j).ok())
                .filter(|b| b.error.code == ErrorCode::SecondFactorRequired)
        {
            return Ok(SignIn::SecondFactor(asked.second_factor));
        }
        read(status, json).map(SignIn::Done)
    }

    /// The second step: a code from the app or a recovery code.
    pub async fn second_step(challenge: &str, code: &str) -> Result<SessionInfo, ApiError> {
        let body = answer(challenge, code);
        call(
            "POST",
            "/console/api/login/second-factor",
            None,
            Some(&body),
        )
        .await
    }

    /// A new secret for the enrolment a sign-in asks for.
    pub async fn enrol_at_sign_in(challenge: &str) -> Result<Enrolment, ApiError> {
        let body = answer(challenge, "");
        call(
            "POST",
            "/console/api/login/second-factor/enrolment",
            None,
            Some(&body),
        )
        .await
    }

    /// The app's first code: the second factor is on, and the session opens.
    pub async fn confirm_at_sign_in(
        challenge: &str,
        code: &str,
    ) -> Result<EnrolledSignIn, ApiError> {
        let body = answer(challenge, code);
        call(
            "POST",
            "/console/api/login/second-factor/enrolment/confirm",
            None,
            Some(&body),
        )
        .await
    }

    pub async fn second_factor(&self) -> Result<Status, ApiError> {
        call("GET", "/console/api/second-factor", None, None::<&()>).await
    }

    pub async fn start_enrolment(&self) -> Result<Enrolment, ApiError> {
        call(
            "POST",
            "/console/api/second-factor/enrolment",
            Some(&self.csrf),
            None::<&()>,
        )
        .await
    }

    pub async fn confirm_enrolment(&self, code: &str) -> Result<RecoveryCodes, ApiError> {
        let body = ConfirmCode { code: code.into() };
        call(
            "POST",
            "/console/api/second-factor/enrolment/confirm",
            Some(&self.csrf),
            Some(&body),
        )
        .await
    }

    pub async fn turn_off_second_factor(&self, body: &TurnOff) -> Result<(), ApiError> {
        no_content(
            call::<serde::de::IgnoredAny>(
                "POST",
                "/console/api/second-factor/disable",
                Some(&self.csrf),
                Some(body),
            )
            .await,
        )
    }

    /// Admins: the accounts of their tenants with a second factor.
    pub async fn enrolled_accounts(&self) -> Result<Vec<Enrolled>, ApiError> {
        call(
            "GET",
            "/console/api/second-factor/accounts",
            None,
            None::<&()>,
        )
        .await
    }

    /// Admins: forgets a member's second factor (a lost phone).
    pub async fn reset_second_factor(&self, agent_id: &str) -> Result<(), ApiError> {
        no_content(
            call::<serde::de::IgnoredAny>(
                "DELETE",
                &format!("/console/api/agents/{agent_id}/second-factor"),
                Some(&self.csrf),
                None::<&()>,
            )
            .await,
        )
    }

    pub async fn requirement(&self, tenant: &str) -> Result<Requirement, ApiError> {
        call(
            "GET",
            &format!("/console/api/tenants/{tenant}/second-factor"),
            None,
            None::<&()>,
        )
        .await
    }

    pub async fn set_requirement(
        &self,
        tenant: &str,
        required: bool,
    ) -> Result<Requirement, ApiError> {
        let body = Requirement {
            required,
            by_provider: false,
        };
        call(
            "PUT",
            &format!("/console/api/tenants/{tenant}/second-factor"),
            Some(&self.csrf),
            Some(&body),
        )
        .await
    }
}

fn answer(challenge: &str, code: &str) -> ChallengeAnswer {
    ChallengeAnswer {
        challenge: challenge.into(),
        code: code.into(),
    }
}
