//! The signed-in console every screen works in: the API client, the account, and signing
//! out. The app provides it once; a screen takes it with [`use_console`] instead of having
//! `api` and `on_signed_out` handed down through every component between.

use std::rc::Rc;

use panelcare_model::console::{AgentInfo, Role, SessionInfo};
use yew::prelude::*;

use crate::api::{Api, ApiError};

#[derive(Debug, Clone, PartialEq)]
pub struct Console {
    /// Calls `/console/api` with the session's CSRF token.
    pub api: Api,
    pub session: Rc<SessionInfo>,
    signed_out: Callback<()>,
}

impl Console {
    /// `signed_out` runs when the session is found to be over (the app shows sign-in at the
    /// same address, so signing in again returns there).
    pub fn new(session: Rc<SessionInfo>, signed_out: Callback<()>) -> Self {
        Self {
            api: Api {
                csrf: session.csrf_token.clone().into(),
            },
            session,
            signed_out,
        }
    }

    pub fn agent(&self) -> &AgentInfo {
        &self.session.agent
    }

    /// A provider's or reseller's admin: the pages that change a tenant's set-up.
    pub fn is_admin(&self) -> bool {
        self.agent().role != Role::Agent
    }

    /// The provider's own admin, whose scope is every tenant.
    pub fn is_provider(&self) -> bool {
        self.agent().role == Role::ProviderAdmin
    }

    /// The session is over: back to sign-in.
    pub fn sign_out(&self) {
        self.signed_out.emit(());
    }

    /// A failed call as the screen should show it, or `None` when it meant the session is
    /// over (then the console has gone back to sign-in and there is nothing to show).
    pub fn failed(&self, e: ApiError) -> Option<ApiError> {
        if e.is_signed_out() {
            self.sign_out();
            None
        } else {
            Some(e)
        }
    }

    /// What a call gave, or `None` after [`Self::failed`] dealt with its failure by telling
    /// `shown` (a lost session signs out instead).
    pub fn settle<T>(
        &self,
        result: Result<T, ApiError>,
        shown: impl FnOnce(ApiError),
    ) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                if let Some(e) = self.failed(e) {
                    shown(e);
                }
                None
            }
        }
    }
}

/// The console of the signed-in account. Only the screens drawn after sign-in call it.
#[hook]
pub fn use_console() -> Console {
    use_context::<Console>().expect("a console screen is drawn inside the signed-in app")
}
