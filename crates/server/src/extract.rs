//! Request extractors whose every refusal is an [`AppError`] with a precise code.

use axum::{
    body::Bytes,
    extract::{FromRequest, FromRequestParts, Path, Query, Request, rejection::PathRejection},
    http::{header, request::Parts},
};
use panelcare_model::{ErrorCode, FieldError, clean::Forbidden, error::FieldErrorCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::AppError;

/// Path parameters. Ours are all text, so the one way to miss is a segment that is not UTF-8
/// (`%FF`): nothing of ours has such a name, so `404 not_found` in JSON, where axum's own
/// refusal would be a plain-text `400`.
#[derive(Debug)]
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ApiPath(value)),
            // What the client sent: a segment that does not read as the parameter.
            Err(PathRejection::FailedToDeserializePathParams(_)) => Err(AppError::client(
                ErrorCode::NotFound,
                "Nothing is at that address: a part of it is not valid text.",
            )),
            // A route without the parameters its handler asks for: ours to fix, not hidden.
            Err(other) => Err(AppError::Internal(format!("path parameters: {other}"))),
        }
    }
}

/// A query string, read into `T`; one that does not read is `400 invalid_body`, naming what
/// was wrong, in JSON like every refusal (axum's own is plain text).
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(value)| ApiQuery(value))
            .map_err(|e| {
                AppError::client(
                    ErrorCode::InvalidBody,
                    format!("The query string is not valid: {e}."),
                )
            })
    }
}

/// Largest JSON body the API reads. A feedback message is at most 4000 characters (16 KB of
/// UTF-8 at worst); the rest is headroom for the other fields.
pub const BODY_LIMIT: usize = 64 * 1024;

/// JSON body. Distinguishes a wrong content type (415), a body over the limit (413), broken
/// JSON (400) and well-formed JSON of the wrong shape (422, naming the field).
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
        if !is_json {
            return Err(AppError::client(
                ErrorCode::UnsupportedMediaType,
                "Send the body as JSON with Content-Type: application/json.",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::client(
                    ErrorCode::BodyTooLarge,
                    format!("The request body is larger than {} KB.", BODY_LIMIT / 1024),
                )
            } else {
                AppError::client(
                    ErrorCode::MalformedJson,
                    "The request body could not be read.",
                )
            }
        })?;
        if has_nul(&bytes) {
            // Refused before the body reaches a handler (PostgreSQL cannot store it, whatever
            // field it is in), but named like the text hygiene rule names it, on its field.
            let field = serde_json::from_slice(&bytes)
                .ok()
                .and_then(|v| nul_path(&v));
            return Err(match field {
                Some(field) => AppError::validation(vec![Forbidden.on(&field)]),
                None => AppError::client(
                    ErrorCode::InvalidBody,
                    "Text may not contain the NUL character (\\u0000).",
                ),
            });
        }
        parse_json(&bytes).map(ApiJson)
    }
}

/// Whether JSON text carries a NUL character: only as the escape `\u0000` (a raw NUL byte
/// is not JSON), whose backslash is not itself escaped. No text field has a use for it, and
/// PostgreSQL cannot store it.
fn has_nul(json: &[u8]) -> bool {
    let mut backslashes = 0;
    for (i, b) in json.iter().enumerate() {
        if *b == b'\\' {
            backslashes += 1;
            continue;
        }
        if *b == b'u'
            && backslashes % 2 == 1
            && json
                .get(i + 1..i + 5)
                .is_some_and(|hex| hex.iter().all(|h| *h == b'0'))
        {
            return true;
        }
        backslashes = 0;
    }
    false
}

/// Where the first NUL is: the dotted path of the string that holds it (a key holding one is
/// named by its object's path, or "" at the top).
fn nul_path(v: &Value) -> Option<String> {
    let join = |at: String, rest: String| match (at.is_empty(), rest.is_empty()) {
        (_, true) => at,
        (true, false) => rest,
        (false, false) => format!("{at}.{rest}"),
    };
    match v {
        Value::String(s) => s.contains('\0').then(String::new),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| Some(join(i.to_string(), nul_path(item)?))),
        Value::Object(map) => map.iter().find_map(|(k, item)| {
            if k.contains('\0') {
                Some(String::new())
            } else {
                Some(join(k.clone(), nul_path(item)?))
            }
        }),
        _ => None,
    }
}

fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    // Every body the API takes is an object. serde would also read a struct from an array of
    // its fields in order (`[null, null]`), which no client means to send.
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first.is_some_and(|b| *b != b'{')
        && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
    {
        return Err(AppError::client(
            ErrorCode::InvalidBody,
            "The JSON does not have the expected shape: the body is an object ({…}).",
        ));
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        if inner.is_data() {
            let field = if path == "." { String::new() } else { path };
            AppError::Client {
                code: ErrorCode::InvalidBody,
                message: format!("The JSON does not have the expected shape: {inner}."),
                fields: if field.is_empty() {
                    Vec::new()
                } else {
                    vec![FieldError::new(
                        &field,
                        FieldErrorCode::InvalidType,
                        inner.to_string(),
                    )]
                },
            }
        } else {
            AppError::client(
                ErrorCode::MalformedJson,
                format!("The request body is not valid JSON: {inner}."),
            )
        }
    })
}

/// The `Idempotency-Key` header: the client's name for one logical submission, reused on
/// every retry of it.
#[derive(Debug, Clone)]
pub struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get("idempotency-key") else {
            return Err(AppError::client(
                ErrorCode::MissingIdempotencyKey,
                "Send an Idempotency-Key header so that retries are not stored twice.",
            ));
        };
        let key = value.to_str().unwrap_or_default();
        let ok = (8..=128).contains(&key.len())
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b));
        if !ok {
            return Err(AppError::client(
                ErrorCode::InvalidIdempotencyKey,
                "The Idempotency-Key must be 8 to 128 letters, digits, '-', '_', '.' or ':'.",
            ));
        }
        Ok(Self(key.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::{has_nul, nul_path};

    #[test]
    fn a_nul_is_found_only_as_an_escape_of_its_own() {
        assert!(has_nul(br#"{"message":"a\u0000b"}"#));
        assert!(has_nul(br#"{"message":"\\\u0000"}"#));
        assert!(!has_nul(br#"{"message":"\\u0000 is how JSON writes it"}"#));
        assert!(!has_nul(br#"{"message":"\u00e9 caf\u0001"}"#));
    }

    #[test]
    fn a_nul_is_named_by_its_field() {
        let at = |json: &str| nul_path(&serde_json::from_str(json).unwrap());
        assert_eq!(at(r#"{"message":"a\u0000b"}"#).as_deref(), Some("message"));
        assert_eq!(
            at(r#"{"a":1,"strings":{"en":[["t","x"],["title","\u0000"]]}}"#).as_deref(),
            Some("strings.en.1.1")
        );
        assert_eq!(at(r#"{"\u0000":"x"}"#).as_deref(), Some(""));
        assert_eq!(at(r#"{"message":"fine"}"#), None);
    }
}
