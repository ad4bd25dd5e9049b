//! The one place the widget talks to the panelcare server. Components never call `fetch`.

use gloo::timers::callback::Timeout;
use panelcare_model::{ErrorCode, Feedback, NewFeedback};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestInit, Response};
use yew::AttrValue;

use crate::{
    host::{Host, HostError},
    wire::{self, Obj},
};

/// A request that takes longer than this is treated like a lost connection and retried.
const TIMEOUT_MS: u32 = 15_000;

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer: offline, DNS, connection refused, CORS.
    Network,
    Timeout,
    /// The server failed (5xx) or is overloaded (429); the same request may work later.
    Unavailable(u16),
    /// The server refused the request and said why.
    Rejected {
        status: u16,
        error: panelcare_model::ApiError,
    },
    /// The host adapter could not give us a token.
    Host(HostError),
    /// The answer was not what this version of the widget understands.
    Decode,
}

impl ApiError {
    /// Whether sending the same request again later may succeed. A refusal will not, except
    /// an expired token, for which the host gives a fresh one.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Network | Self::Timeout | Self::Unavailable(_) | Self::Host(_) => true,
            Self::Rejected { error, .. } => error.code == ErrorCode::TokenExpired,
            Self::Decode => false,
        }
    }
}

/// The server's address and the host that vouches for the customer.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub base: AttrValue,
    pub host: Host,
}

impl Api {
    pub fn new(base: impl Into<AttrValue>, host: Host) -> Self {
        Self {
            base: base.into(),
            host,
        }
    }

    /// The customer's own suggestions, newest first.
    pub async fn list_feedback(&self) -> Result<Vec<Feedback>, ApiError> {
        let body = self.call("GET", "/api/v1/feedback", None, None).await?;
        Ok(wire::feedback_list(&body))
    }

    /// The tenant's branding (the default look when it has none).
    pub async fn branding(&self) -> Result<panelcare_model::branding::Branding, ApiError> {
        let body = self.call("GET", "/api/v1/branding", None, None).await?;
        Ok(wire::branding(&body))
    }

    /// The product's texts in `lang` (only English is compiled into the widget): key and words,
    /// as `panelcare_model::text::Catalogue::set` takes them.
    pub async fn texts(
        &self,
        lang: panelcare_model::Lang,
    ) -> Result<Vec<(String, String)>, ApiError> {
        let path = format!("/api/v1/texts/{}", lang.tag());
        let body = self.call("GET", &path, None, None).await?;
        Ok(wire::words(&body))
    }

    /// Stores a suggestion. Retrying with the same `key` never stores it twice.
    pub async fn create_feedback(
        &self,
        key: &str,
        body: &NewFeedback,
    ) -> Result<Feedback, ApiError> {
        let json = wire::new_feedback_out(body).to_json();
        let answer = self
            .call("POST", "/api/v1/feedback", Some(key), Some(json))
            .await?;
        wire::feedback(&answer).ok_or(ApiError::Decode)
    }

    /// One request with a JSON body (or none); a 2xx answer's JSON object, or why there is
    /// none.
    pub(crate) async fn call(
        &self,
        method: &str,
        path: &str,
        idempotency_key: Option<&str>,
        body: Option<String>,
    ) -> Result<Obj, ApiError> {
        let body = body.map(|b| (JsValue::from_str(&b), "application/json"));
        self.send(method, path, idempotency_key, body).await
    }

    /// One request with any body (a file, say) and its content type.
    pub(crate) async fn send(
        &self,
        method: &str,
        path: &str,
        idempotency_key: Option<&str>,
        body: Option<(JsValue, &str)>,
    ) -> Result<Obj, ApiError> {
        let token = self.host.token().await.map_err(ApiError::Host)?;
        let headers = Headers::new().map_err(|_| ApiError::Network)?;
        let _ = headers.set("Authorization", &format!("Bearer {token}"));
        let _ = headers.set("Accept", "application/json");
        if let Some(key) = idempotency_key {
            let _ = headers.set("Idempotency-Key", key);
        }
        let init = RequestInit::new();
        init.set_method(method);
        init.set_headers(&headers);
        if let Some((body, content_type)) = body {
            let _ = headers.set("Content-Type", content_type);
            init.set_body(&body);
        }
        let controller = AbortController::new().map_err(|_| ApiError::Network)?;
        init.set_signal(Some(&controller.signal()));
        let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
        // Dropping the timer when the call ends cancels it.
        let _timer = {
            let timed_out = timed_out.clone();
            Timeout::new(TIMEOUT_MS, move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let url = format!("{}{path}", self.base.trim_end_matches('/'));
        let lost = |_| {
            if timed_out.get() {
                ApiError::Timeout
            } else {
                ApiError::Network
            }
        };
        let sent = self.host.fetch(&url, &init).ok_or(ApiError::Network)?;
        let response: Response = JsFuture::from(sent).await.map_err(lost)?.unchecked_into();
        let status = response.status();
        let json = match response.json() {
            Ok(promise) => JsFuture::from(promise).await.ok().and_then(Obj::new),
            Err(_) => None,
        };
        if (200..300).contains(&status) {
            // 204 has no body; everything else we call answers a JSON object.
            if status == 204 {
                return Obj::new(js_sys::Object::new().into()).ok_or(ApiError::Decode);
            }
            return json.ok_or(ApiError::Decode);
        }
        if status >= 500 || status == 429 {
            return Err(ApiError::Unavailable(status));
        }
        match json.as_ref().and_then(wire::api_error) {
            Some(error) => Err(ApiError::Rejected { status, error }),
            // A 4xx without our error body comes from something in between (a proxy, a
            // captive portal): not the server's verdict, so worth another try later.
            None => Err(ApiError::Unavailable(status)),
        }
    }
}
