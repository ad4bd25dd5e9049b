//! The console's calls to `/console/api`: the session cookie goes along by itself, and every
//! state-changing call repeats the session's CSRF token.

use panelcare_model::{
    ErrorBody,
    branding::Branding,
    console::{
        CreatedAgent, CreatedKey, KeyInfo, NewAgent, NewKey, PasswordResetConfirm,
        PasswordResetRequest, ResetRequested, SessionInfo, TeamMember, TenantInfo,
    },
    limits::Limits,
};
use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestCredentials, RequestInit, Response};
use yew::AttrValue;

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer from the server.
    Network,
    /// The server answered with an error body.
    Refused {
        status: u16,
        error: panelcare_model::ApiError,
    },
    /// An answer this console cannot read (a proxy's error page, say).
    Unexpected(u16),
}

impl ApiError {
    pub fn message(&self) -> String {
        match self {
            Self::Network => {
                "The server cannot be reached. Check the connection and try again.".into()
            }
            Self::Refused { error, .. } => match error.fields.first() {
                Some(f) => f.message.clone(),
                None => error.message.clone(),
            },
            Self::Unexpected(status) => format!("The server answered {status}. Try again."),
        }
    }

    /// The field a refusal names, with its message.
    pub fn field(&self) -> Option<(&str, &str)> {
        match self {
            Self::Refused { error, .. } => error
                .fields
                .first()
                .map(|f| (f.field.as_str(), f.message.as_str())),
            _ => None,
        }
    }

    pub fn is_signed_out(&self) -> bool {
        matches!(self, Self::Refused { status: 401, .. })
    }
}

/// The CSRF token of the current session (empty before sign-in).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Api {
    pub csrf: AttrValue,
}

impl Api {
    pub async fn me() -> Result<SessionInfo, ApiError> {
        call("GET", "/console/api/me", None, None::<&()>).await
    }

    /// Asks for a reset link; the answer's sentence says what happens next.
    pub async fn request_reset(email: &str) -> Result<ResetRequested, ApiError> {
        let body = PasswordResetRequest {
            email: email.into(),
        };
        call("POST", "/console/api/password-reset", None, Some(&body)).await
    }

    /// Sets a new password with a reset link's token.
    pub async fn confirm_reset(token: &str, password: &str) -> Result<(), ApiError> {
        let body = PasswordResetConfirm {
            token: token.into(),
            password: password.into(),
        };
        no_content(
            call(
                "POST",
                "/console/api/password-reset/confirm",
                None,
                Some(&body),
            )
            .await,
        )
    }

    pub async fn logout(&self) -> Result<(), ApiError> {
        no_content(
            call::<serde::de::IgnoredAny>(
                "POST",
                "/console/api/logout",
                Some(&self.csrf),
                None::<&()>,
            )
            .await,
        )
    }

    pub async fn audit(&self) -> Result<Vec<panelcare_model::console::AuditEntry>, ApiError> {
        call("GET", "/console/api/audit", None, None::<&()>).await
    }

    pub async fn numbers(&self) -> Result<panelcare_model::numbers::Numbers, ApiError> {
        call("GET", "/console/api/numbers", None, None::<&()>).await
    }

    pub async fn team(&self) -> Result<Vec<TeamMember>, ApiError> {
        call("GET", "/console/api/agents", None, None::<&()>).await
    }

    pub async fn add_agent(&self, a: &NewAgent) -> Result<CreatedAgent, ApiError> {
        call("POST", "/console/api/agents", Some(&self.csrf), Some(a)).await
    }

    pub async fn remove_agent(&self, id: &str) -> Result<(), ApiError> {
        no_content(
            call::<serde::de::IgnoredAny>(
                "DELETE",
                &format!("/console/api/agents/{id}"),
                Some(&self.csrf),
                None::<&()>,
            )
            .await,
        )
    }

    pub async fn keys(&self, tenant: &str) -> Result<Vec<KeyInfo>, ApiError> {
        call(
            "GET",
            &format!("/console/api/tenants/{tenant}/keys"),
            None,
            None::<&()>,
        )
        .await
    }

    pub async fn add_key(&self, tenant: &str, kid: &str) -> Result<CreatedKey, ApiError> {
        let body = NewKey { kid: kid.into() };
        call(
            "POST",
            &format!("/console/api/tenants/{tenant}/keys"),
            Some(&self.csrf),
            Some(&body),
        )
        .await
    }

    pub async fn remove_key(&self, tenant: &str, kid: &str) -> Result<(), ApiError> {
        no_content(
            call::<serde::de::IgnoredAny>(
                "DELETE",
                &format!("/console/api/tenants/{tenant}/keys/{kid}"),
                Some(&self.csrf),
                None::<&()>,
            )
            .await,
        )
    }

    pub async fn origins(&self, tenant: &str) -> Result<Vec<String>, ApiError> {
        let o: panelcare_model::console::Origins = call(
            "GET",
            &format!("/console/api/tenants/{tenant}/origins"),
            None,
            None::<&()>,
        )
        .await?;
        Ok(o.origins)
    }

    pub async fn save_origins(
        &self,
        tenant: &str,
        origins: Vec<String>,
    ) -> Result<Vec<String>, ApiError> {
        let body = panelcare_model::console::Origins { origins };
        let o: panelcare_model::console::Origins = call(
            "PUT",
            &format!("/console/api/tenants/{tenant}/origins"),
            Some(&self.csrf),
            Some(&body),
        )
        .await?;
        Ok(o.origins)
    }

    pub async fn tenants(&self) -> Result<Vec<TenantInfo>, ApiError> {
        call("GET", "/console/api/tenants", None, None::<&()>).await
    }

    pub async fn branding(&self, tenant: &str) -> Result<Branding, ApiError> {
        call(
            "GET",
            &format!("/console/api/tenants/{tenant}/branding"),
            None,
            None::<&()>,
        )
        .await
    }

    pub async fn save_branding(&self, tenant: &str, b: &Branding) -> Result<Branding, ApiError> {
        call(
            "PUT",
            &format!("/console/api/tenants/{tenant}/branding"),
            Some(&self.csrf),
            Some(b),
        )
        .await
    }

    pub async fn limits(&self, tenant: &str) -> Result<Limits, ApiError> {
        call(
            "GET",
            &format!("/console/api/tenants/{tenant}/limits"),
            None,
            None::<&()>,
        )
        .await
    }

    /// Provider admins only; the server refuses anyone else.
    pub async fn save_limits(&self, tenant: &str, l: &Limits) -> Result<Limits, ApiError> {
        call(
            "PUT",
            &format!("/console/api/tenants/{tenant}/limits"),
            Some(&self.csrf),
            Some(l),
        )
        .await
    }

    /// Forgets the tenant's own limits; the answer is the defaults it has again.
    pub async fn reset_limits(&self, tenant: &str) -> Result<Limits, ApiError> {
        call(
            "DELETE",
            &format!("/console/api/tenants/{tenant}/limits"),
            Some(&self.csrf),
            None::<&()>,
        )
        .await
    }
}

/// `?k=v&…` of the filters that are set (values URL-encoded); empty when none is.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", String::from(js_sys::encode_uri_component(v))))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// A `204 No Content` answer has no body to read: that is success.
pub(crate) fn no_content(r: Result<serde::de::IgnoredAny, ApiError>) -> Result<(), ApiError> {
    match r {
        Ok(_) | Err(ApiError::Unexpected(204)) => Ok(()),
        Err(e) => Err(e),
    }
}

pub(crate) async fn call<T: DeserializeOwned>(
    method: &str,
    path: &str,
    csrf: Option<&str>,
    body: Option<&impl Serialize>,
) -> Result<T, ApiError> {
    let body = match body {
        Some(body) => {
            let value = body
                .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
                .map_err(|_| ApiError::Network)?;
            let text = js_sys::JSON::stringify(&value).map_err(|_| ApiError::Network)?;
            Some((JsValue::from(text), "application/json"))
        }
        None => None,
    };
    send(method, path, csrf, body).await
}

/// Sends `body` as it is (a file, a TOML text) with its content type.
pub(crate) async fn call_raw<T: DeserializeOwned>(
    method: &str,
    path: &str,
    csrf: &str,
    body: &JsValue,
    content_type: &str,
) -> Result<T, ApiError> {
    send(method, path, Some(csrf), Some((body.clone(), content_type))).await
}

async fn send<T: DeserializeOwned>(
    method: &str,
    path: &str,
    csrf: Option<&str>,
    body: Option<(JsValue, &str)>,
) -> Result<T, ApiError> {
    let (status, json) = fetch(method, path, csrf, body).await?;
    read(status, json)
}

/// The JSON body of `status` as `T` when it is a success, else as the error it says.
pub(crate) fn read<T: DeserializeOwned>(status: u16, json: Option<JsValue>) -> Result<T, ApiError> {
    if (200..300).contains(&status) {
        return json
            .and_then(|j| serde_wasm_bindgen::from_value(j).ok())
            .ok_or(ApiError::Unexpected(status));
    }
    match json.and_then(|j| serde_wasm_bindgen::from_value::<ErrorBody>(j).ok()) {
        Some(body) => Err(ApiError::Refused {
            status,
            error: body.error,
        }),
        None => Err(ApiError::Unexpected(status)),
    }
}

/// Sends a JSON `body`; the answer's status and JSON body (if it has one), for calls whose
/// refusals carry more than the error (a sign-in that asks for a second factor).
pub(crate) async fn call_json(
    method: &str,
    path: &str,
    body: &impl Serialize,
) -> Result<(u16, Option<JsValue>), ApiError> {
    let value = body
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|_| ApiError::Network)?;
    let text = js_sys::JSON::stringify(&value).map_err(|_| ApiError::Network)?;
    fetch(
        method,
        path,
        None,
        Some((JsValue::from(text), "application/json")),
    )
    .await
}

thread_local! {
    /// Where the console API is: empty for the page's own origin (always, in the browser).
    static SERVER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Component tests only: send every call to the server at `base` (`http://127.0.0.1:<port>`,
/// a demo server started with `--console-test-cors`), with the session cookie, instead of
/// the page's own origin. The test runner serves the tests' page from a port of its own.
pub fn use_server_at(base: &str) {
    SERVER.with(|s| *s.borrow_mut() = base.trim_end_matches('/').to_owned());
}

pub(crate) async fn fetch(
    method: &str,
    path: &str,
    csrf: Option<&str>,
    body: Option<(JsValue, &str)>,
) -> Result<(u16, Option<JsValue>), ApiError> {
    let headers = Headers::new().map_err(|_| ApiError::Network)?;
    let _ = headers.set("Accept", "application/json");
    if let Some(token) = csrf {
        let _ = headers.set("X-CSRF-Token", token);
    }
    let init = RequestInit::new();
    init.set_method(method);
    let server = SERVER.with(|s| s.borrow().clone());
    init.set_credentials(if server.is_empty() {
        RequestCredentials::SameOrigin
    } else {
        RequestCredentials::Include
    });
    if let Some((body, content_type)) = body {
        let _ = headers.set("Content-Type", content_type);
        init.set_body(&body);
    }
    init.set_headers(&headers);
    let window = web_sys::window().ok_or(ApiError::Network)?;
    let url = format!("{server}{path}");
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .map_err(|_| ApiError::Network)?
        .unchecked_into();
    let status = response.status();
    let json: Option<JsValue> = match response.json() {
        Ok(p) => JsFuture::from(p).await.ok(),
        Err(_) => None,
    };
    Ok((status, json))
}
