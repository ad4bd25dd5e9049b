//! The three ways a caller proves who it is, as OpenAPI security schemes; and the shared
//! refusal responses, written into the same components.

use utoipa::{
    Modify,
    openapi::{
        OpenApi,
        security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme},
    },
};

/// The widget's customer: `Authorization: Bearer <token>`, an HS256 JWT the panel signs
/// with one of the tenant's keys (`kid`), audience `panelcare`.
const CUSTOMER_TOKEN: &str = "customer_token";
/// A provider's server: `X-Panelcare-Key`, `X-Panelcare-Timestamp` and this signature,
/// `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` with the key's secret.
const HOST_SIGNATURE: &str = "host_signature";
/// A signed-in console account: the session cookie; changes also send `X-CSRF-Token`.
const CONSOLE_SESSION: &str = "console_session";

/// Adds the schemes and the shared refusals to a document's components.
pub struct Schemes {
    /// The console session cookie's name (the console feature owns it).
    pub session_cookie: &'static str,
}

impl Modify for Schemes {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        super::refusals::add_to(components);
        components.add_security_scheme(
            CUSTOMER_TOKEN,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "A token the panel signs for its customer (HS256, `kid` names the \
                         tenant's key, `aud` is `panelcare`, at most 15 minutes).",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            HOST_SIGNATURE,
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-Panelcare-Signature",
                "`sha256=<hex HMAC-SHA256 of \"<timestamp>.<body>\">` with the secret of the \
                 key named in `X-Panelcare-Key`; `X-Panelcare-Timestamp` (Unix seconds) within \
                 five minutes of the server's clock.",
            ))),
        );
        components.add_security_scheme(
            CONSOLE_SESSION,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                self.session_cookie,
                "Set by `POST /console/api/login`. Every request that changes something also \
                 sends the session's CSRF token in `X-CSRF-Token`.",
            ))),
        );
    }
}
