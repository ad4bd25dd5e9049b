//! `GET /api/v1/files/{id}[/thumbnail]?exp=…&sig=…`: a file to whoever holds a valid signed
//! address, always as a download that the browser may not sniff or render in place.

use crate::extract::ApiPath;
use std::collections::HashMap;

use super::{signing, store};
use crate::{
    error::{AppError, AppResult},
    openapi::{Binary, Refusals},
    state::AppState,
    time,
};
use axum::{
    body::Body,
    extract::{Query, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

#[utoipa::path(
    get, path = "/files/{id}", tag = "tickets", operation_id = "download_file",
    summary = "Download a ticket message's file at its signed address",
    description = "The address comes from an attachment's `url`; it is short-lived. No token: \
        the signature is the credential, and a bad or expired one answers 404 like a missing \
        file. Always a download, with the content type the server found when it was uploaded.",
    params(
        ("id" = String, Path, description = "The file's id"),
        ("exp" = i64, Query, description = "When the address expires, Unix milliseconds"),
        ("sig" = String, Query, description = "The address's signature"),
    ),
    responses((status = 200, description = "The file's bytes",
        content(
            (inline(Binary) = "image/png"), (inline(Binary) = "image/jpeg"),
            (inline(Binary) = "image/gif"), (inline(Binary) = "image/webp"),
            (inline(Binary) = "application/pdf"), (inline(Binary) = "text/plain; charset=utf-8"),
        ),
        headers(("Content-Disposition" = String, description = "`attachment`, with the file's name"))),
        Refusals),
)]
pub async fn file(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    send(&state, &id, false, &q).await
}

#[utoipa::path(
    get, path = "/files/{id}/thumbnail", tag = "tickets", operation_id = "download_thumbnail",
    summary = "An image file's small PNG thumbnail at its signed address",
    description = "The address comes from an attachment's `thumbnail_url` (images only). A bad \
        or expired signature answers 404.",
    params(
        ("id" = String, Path, description = "The file's id"),
        ("exp" = i64, Query, description = "When the address expires, Unix milliseconds"),
        ("sig" = String, Query, description = "The address's signature"),
    ),
    responses((status = 200, description = "A PNG", content_type = "image/png", body = inline(Binary),
        headers(("Content-Disposition" = String, description = "`attachment; filename=\"thumbnail-<name>.png\"`"))),
        Refusals),
)]
pub async fn thumbnail(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    send(&state, &id, true, &q).await
}

async fn send(
    state: &AppState,
    id: &str,
    thumbnail: bool,
    q: &HashMap<String, String>,
) -> AppResult<Response> {
    let exp = q
        .get("exp")
        .and_then(|e| e.parse::<i64>().ok())
        .unwrap_or(0);
    let sig = q.get("sig").map(String::as_str).unwrap_or_default();
    // A bad or expired signature looks like a missing file: nothing to learn from probing.
    if !signing::check(state, id, thumbnail, exp, sig, time::now_ms()).await? {
        return Err(AppError::not_found());
    }
    let file = store::download(&state.db, id, thumbnail)
        .await?
        .ok_or_else(AppError::not_found)?;
    let content_type = if thumbnail {
        "image/png".to_owned()
    } else {
        file.content_type
    };
    let (name, body) = (file.name, file.body);
    let name = if thumbnail {
        format!("thumbnail-{name}.png")
    } else {
        name
    };
    let mut res = (StatusCode::OK, Body::from(body)).into_response();
    let h = res.headers_mut();
    let value = |s: &str| {
        HeaderValue::from_str(s).unwrap_or(HeaderValue::from_static("application/octet-stream"))
    };
    h.insert(header::CONTENT_TYPE, value(&content_type));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition(&name))
            .unwrap_or(HeaderValue::from_static("attachment")),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    // Panels on other origins show thumbnails in `<img>`.
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("cross-origin"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=3600"),
    );
    Ok(res)
}

/// `attachment` with an ASCII fallback name and the exact name in RFC 5987 form.
fn disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::disposition;

    #[test]
    fn names_are_quoted_safely() {
        assert_eq!(
            disposition("a\"b.txt"),
            "attachment; filename=\"a_b.txt\"; filename*=UTF-8''a%22b.txt"
        );
        assert_eq!(
            disposition("грешка.log"),
            "attachment; filename=\"______.log\"; filename*=UTF-8''%D0%B3%D1%80%D0%B5%D1%88%D0%BA%D0%B0.log"
        );
    }
}
