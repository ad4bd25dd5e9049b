//! The built widget, loader, adapters and console, sent the way a CDN would: the smallest
//! precompressed copy the browser accepts (`cargo xtask build` writes `.br` and `.gz` beside
//! each file), a strong `ETag` per copy and `304 Not Modified` when the browser has it, and a
//! cache policy per mount (a year for content-hashed names, revalidation for fixed names).

mod encoding;
mod store;

use std::{path::PathBuf, sync::Arc};

use axum::{
    Router,
    body::Body,
    extract::{OriginalUri, Request},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};

use encoding::{Encoding, acceptable};
use store::{Store, Variant};

/// A folder (or one file) served under a mount.
#[derive(Clone)]
pub struct StaticFiles {
    root: PathBuf,
    /// Serve this one file whatever the path (the loader).
    single: bool,
    /// `/` and folders answer with their `index.html` (the console's page).
    index: bool,
    /// A path that names no file and has no extension answers with the root's `index.html`:
    /// the console's own addresses (`/console/tickets/…`), which its router draws.
    app_routes: bool,
    cache_control: &'static str,
    store: Arc<Store>,
}

impl StaticFiles {
    /// Every file under `root`, with `cache_control` on each answer.
    pub fn dir(root: PathBuf, cache_control: &'static str) -> Self {
        Self {
            root,
            single: false,
            index: false,
            app_routes: false,
            cache_control,
            store: Arc::default(),
        }
    }

    /// Just the file at `path`.
    pub fn file(path: PathBuf, cache_control: &'static str) -> Self {
        Self {
            single: true,
            ..Self::dir(path, cache_control)
        }
    }

    /// Folders answer with their `index.html`.
    pub fn with_index(mut self) -> Self {
        self.index = true;
        self
    }

    /// Paths without a file and without an extension answer with `index.html` (a
    /// single-page app's addresses); a missing `x.js` or `x.wasm` is still a 404.
    pub fn with_app_routes(mut self) -> Self {
        self.index = true;
        self.app_routes = true;
        self
    }

    /// As a router to nest or merge; any other method than GET or HEAD gets a 405.
    pub fn router<S: Clone + Send + Sync + 'static>(self) -> Router<S> {
        Router::new().fallback(move |req: Request| {
            let files = self.clone();
            async move {
                // A folder asked for without its slash: its page's relative links need one.
                let original = req.extensions().get::<OriginalUri>().map(|u| u.0.clone());
                if let Some(full) = original.filter(|u| files.index && !u.path().ends_with('/'))
                    && req.uri().path() == "/"
                    && (req.method() == Method::GET || req.method() == Method::HEAD)
                {
                    let query = full.query().map(|q| format!("?{q}")).unwrap_or_default();
                    let to = format!("{}/{query}", full.path());
                    return Redirect::permanent(&to).into_response();
                }
                files
                    .answer(req.method(), req.uri().path(), req.headers())
                    .await
            }
        })
    }

    async fn answer(&self, method: &Method, path: &str, headers: &HeaderMap) -> Response {
        if method != Method::GET && method != Method::HEAD {
            let mut res = refused(StatusCode::METHOD_NOT_ALLOWED);
            res.headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            return res;
        }
        let Some(file) = self.resolve(path) else {
            return refused(StatusCode::NOT_FOUND);
        };
        match self.find(&file, headers).await {
            Found::Copy(enc, copy) => self.send(method, headers, &file, enc, &copy),
            Found::Failed => refused(StatusCode::INTERNAL_SERVER_ERROR),
            Found::Missing if self.is_app_route(path) => {
                let page = self.root.join("index.html");
                match self.find(&page, headers).await {
                    Found::Copy(enc, copy) => self.send(method, headers, &page, enc, &copy),
                    Found::Failed => refused(StatusCode::INTERNAL_SERVER_ERROR),
                    Found::Missing => refused(StatusCode::NOT_FOUND),
                }
            }
            Found::Missing => refused(StatusCode::NOT_FOUND),
        }
    }

    /// The smallest copy of `file` the browser accepts.
    async fn find(&self, file: &std::path::Path, headers: &HeaderMap) -> Found {
        let mut failed = false;
        for enc in acceptable(headers) {
            let mut name = file.to_path_buf().into_os_string();
            name.push(enc.suffix());
            match self.store.get(&PathBuf::from(name)).await {
                Ok(Some(copy)) => return Found::Copy(enc, copy),
                Ok(None) => continue,
                // An unreadable copy: the next one (at last the file itself) may do.
                Err(e) => {
                    tracing::error!(error = %e, file = %file.display(), "cannot read a static file");
                    failed = true;
                }
            }
        }
        if failed {
            Found::Failed
        } else {
            Found::Missing
        }
    }

    /// Whether `path` is one of the app's own addresses: no extension in its last segment.
    fn is_app_route(&self, path: &str) -> bool {
        self.app_routes && !path.rsplit('/').next().unwrap_or("").contains('.')
    }

    /// The file a request path names, or `None` for anything that could leave the root or
    /// names a compressed copy itself.
    fn resolve(&self, path: &str) -> Option<PathBuf> {
        if self.single {
            return Some(self.root.clone());
        }
        let mut file = self.root.clone();
        let mut last = "";
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            let plain = segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
            if !plain || segment.starts_with('.') {
                return None;
            }
            file.push(segment);
            last = segment;
        }
        let lower = last.to_ascii_lowercase();
        if lower.ends_with(".br") || lower.ends_with(".gz") {
            return None;
        }
        if path.ends_with('/') || last.is_empty() {
            if !self.index {
                return None;
            }
            file.push("index.html");
        }
        Some(file)
    }

    fn send(
        &self,
        method: &Method,
        headers: &HeaderMap,
        file: &std::path::Path,
        enc: Encoding,
        copy: &Variant,
    ) -> Response {
        let mut res = if not_modified(headers, &copy.etag) {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let body = if method == Method::HEAD {
                Body::empty()
            } else {
                Body::from(copy.bytes.clone())
            };
            let mut res = Response::new(body);
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(file)),
            );
            h.insert(header::CONTENT_LENGTH, HeaderValue::from(copy.bytes.len()));
            if let Some(coding) = enc.header() {
                h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
            }
            res
        };
        let h = res.headers_mut();
        h.insert(header::ETAG, copy.etag.clone());
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(self.cache_control),
        );
        // The answer depends on Accept-Encoding: caches keep a copy per coding.
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        res
    }
}

/// What a lookup of one file found.
enum Found {
    Copy(Encoding, Variant),
    Missing,
    Failed,
}

/// An answer without a file. Never cached: during a rolling upgrade a new hashed name asked
/// of an old instance is missing there, but not for long.
fn refused(status: StatusCode) -> Response {
    let mut res = status.into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for this header).
fn not_modified(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let ours = etag.as_bytes();
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim())
        .any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t).as_bytes() == ours)
}

/// The media type by extension, for the kinds of files the build writes.
fn content_type(file: &std::path::Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
