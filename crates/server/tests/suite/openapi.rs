//! The API contract: `docs/openapi.json` is what the code generates, every documented
//! operation is served, every API route is documented, and each schema's example is what
//! serde reads and writes for that type.

use std::path::{Path, PathBuf};

use crate::common::*;
use axum::{
    body::Body,
    http::{Request, header},
};
use http_body_util::BodyExt;
use panelcare_model::{
    ApiError, ErrorBody, Feedback, FeedbackList, FieldError,
    branding::Branding,
    kb::{Article, ArticleHit, KbSearch},
    notice::{Notice, NoticeList, NoticeUpdate},
    offers::{BestOffer, Change, Offer, Upsell, Why},
    sla::Targets,
    text::LangTexts,
    ticket::{Attachment, Message, TicketList, TicketOptions, TicketSummary, TicketThread},
};
use panelcare_server::api_document_json;
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;
use tower::ServiceExt;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn document() -> Value {
    serde_json::from_str(api_document_json()).expect("the document is JSON")
}

/// Documented operations as (method, path).
fn operations(doc: &Value) -> Vec<(String, String, bool)> {
    let mut all = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in ["get", "put", "post", "delete", "patch"] {
            if let Some(op) = item.get(method) {
                // Open operations say `security: []` or nothing; the rest name a scheme.
                let secured = op["security"].as_array().is_some_and(|s| {
                    s.iter()
                        .any(|r| r.as_object().is_some_and(|r| !r.is_empty()))
                });
                all.push((method.to_uppercase(), path.clone(), secured));
            }
        }
    }
    all
}

#[test]
fn the_checked_in_document_is_what_the_code_generates() {
    let file = root().join("docs/openapi.json");
    let generated = api_document_json();
    if std::env::var_os("PANELCARE_BLESS").is_some() {
        std::fs::write(&file, generated).expect("write docs/openapi.json");
        return;
    }
    let checked_in = std::fs::read_to_string(&file).unwrap_or_default();
    if checked_in != generated {
        let (line, (file_line, code_line)) = checked_in
            .lines()
            .chain(std::iter::repeat(""))
            .zip(generated.lines().chain(std::iter::repeat("")))
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .unwrap_or((0, ("", "")));
        panic!(
            "docs/openapi.json disagrees with the code from line {}:\n  file: {file_line}\n  \
             code: {code_line}\nRun `cargo xtask openapi` to write the document from the code, \
             and commit it with the change.",
            line + 1
        );
    }
}

#[test]
fn operation_ids_are_unique_and_every_operation_is_tagged_and_refuses_in_json() {
    let doc = document();
    for status in [400, 401, 403, 404, 409, 413, 415, 422, 429] {
        assert_eq!(
            doc["components"]["responses"][format!("Refused{status}")]["content"]["application/json"]
                ["schema"]["$ref"],
            "#/components/schemas/ErrorBody"
        );
    }
    let mut ids = std::collections::BTreeSet::new();
    for (method, path, _) in operations(&doc) {
        let op = &doc["paths"][&path][method.to_lowercase()];
        let id = op["operationId"].as_str().unwrap_or_default().to_owned();
        assert!(
            ids.insert(id.clone()),
            "{method} {path}: operationId {id:?} twice"
        );
        assert!(
            op["tags"].as_array().is_some_and(|t| !t.is_empty()),
            "{method} {path}: no tag"
        );
        assert_eq!(
            op["responses"]["422"]["$ref"], "#/components/responses/Refused422",
            "{method} {path}: refusals not documented"
        );
    }
}

/// A route the axum router does not have answers an empty 404 or 405 when there is no
/// fallback; every documented operation must reach a handler (which answers JSON, most often a
/// refusal, since the request carries no credentials). Without credentials, an operation
/// whose document names a security scheme must answer 401, and only the expected few name
/// none.
#[tokio::test]
async fn every_documented_operation_is_served() {
    let app = TestApp::new().await;
    let doc = document();
    let (widget, _) = panelcare_server::widget_api().split_for_parts();
    let (console, _) = panelcare_server::console_api().split_for_parts();
    let bare = axum::Router::new()
        .nest("/api/v1", widget)
        .nest("/console/api", console)
        .with_state(app.state.clone());
    let ops = operations(&doc);
    assert!(ops.len() >= 3, "{ops:?}");
    let (mut open, mut wrong) = (Vec::new(), Vec::new());
    for (method, path, secured) in ops {
        let concrete = path
            .split('/')
            .map(|s| {
                if s.starts_with('{') {
                    "nothing-here"
                } else {
                    s
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        let req = Request::builder()
            .method(method.as_str())
            .uri(&concrete)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{}"))
            .expect("request");
        let res = bare.clone().oneshot(req).await.expect("infallible");
        let status = res.status();
        let typed = res.headers().get(header::CONTENT_TYPE).cloned();
        let body = res.into_body().collect().await.expect("body").to_bytes();
        assert!(
            status != 405 && !(status == 404 && body.is_empty()),
            "{method} {path} is documented but not served ({status})"
        );
        assert!(
            status.is_success() || typed.is_some_and(|t| t == "application/json"),
            "{method} {path}: {status} without a JSON body"
        );
        // Sent without credentials: refused as unauthenticated exactly when the document
        // says the operation needs some.
        if secured && status != 401 {
            wrong.push(format!("{method} {path}: {status}, documented as secured"));
        }
        if !secured {
            open.push(format!("{method} {path}"));
        }
    }
    assert_eq!(wrong, Vec::<String>::new());
    // The few that need no credentials, so that opening one more is a decision: attachment
    // files (their ids are capabilities), the widget's texts, signing in (the second-factor
    // steps take the half-signed-in cookie instead) and password reset.
    let expected = [
        "GET /api/v1/files/{id}",
        "GET /api/v1/files/{id}/thumbnail",
        "GET /api/v1/texts/{lang}",
        "POST /console/api/login",
        "POST /console/api/login/second-factor",
        "POST /console/api/login/second-factor/enrolment",
        "POST /console/api/login/second-factor/enrolment/confirm",
        "POST /console/api/password-reset",
        "POST /console/api/password-reset/confirm",
    ];
    assert_eq!(open, expected, "operations open without credentials");
}

/// Routes are added to the API routers only through `routes!(handler)`, which carries the
/// handler's documentation: a plain `.route(` there would serve an operation the document
/// does not have.
#[test]
fn every_api_route_is_documented() {
    fn walk(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read");
                let lib = path.ends_with("src/lib.rs");
                if text.contains("OpenApiRouter") && !lib && text.contains(".route(") {
                    found.push(path.display().to_string());
                }
            }
        }
    }
    let mut found = Vec::new();
    walk(&root().join("crates/server/src"), &mut found);
    assert!(
        found.is_empty(),
        "API routes added with `.route(` (undocumented): {found:?}"
    );
}

#[tokio::test]
async fn the_server_serves_the_document() {
    let app = TestApp::new().await;
    let (s, body, res) = app
        .send(
            Request::get("/api/v1/openapi.json")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/json");
    assert_eq!(body, document());
    assert_eq!(body["openapi"], "3.1.0");
}

/// Reads `example` as `T` and writes it back: the same JSON means every field of the example
/// is one serde reads (none ignored or misspelt) and nothing the type writes is missing.
fn check<T: DeserializeOwned + Serialize>(example: &Value) {
    let name = std::any::type_name::<T>();
    let read: T = serde_json::from_value(example.clone())
        .unwrap_or_else(|e| panic!("the example of {name} does not read: {e}"));
    let written = serde_json::to_value(&read).expect("serializes");
    assert_eq!(
        &written, example,
        "the example of {name} is not what serde writes back"
    );
}

type Check = fn(&Value);

/// Each schema with an example, and the type it documents. The widget reads these answers by
/// hand (`src/wire.rs`, `src/tickets/wire.rs`, `src/offers/wire.rs`); the examples are what its
/// readers are tested against, so they must be real answers.
const EXAMPLES: &[(&str, Check)] = &[
    ("ApiError", check::<ApiError>),
    ("Article", check::<Article>),
    ("ArticleHit", check::<ArticleHit>),
    ("Attachment", check::<Attachment>),
    ("BestOffer", check::<BestOffer>),
    ("Branding", check::<Branding>),
    ("Change", check::<Change>),
    ("ErrorBody", check::<ErrorBody>),
    ("Feedback", check::<Feedback>),
    ("FeedbackList", check::<FeedbackList>),
    ("FieldError", check::<FieldError>),
    ("Idea", check::<panelcare_model::ideas::Idea>),
    ("IdeaChange", check::<panelcare_model::ideas::IdeaChange>),
    (
        "IdeaSettings",
        check::<panelcare_model::ideas::IdeaSettings>,
    ),
    ("KbSearch", check::<KbSearch>),
    ("LangTexts", check::<LangTexts>),
    ("Message", check::<Message>),
    ("Notice", check::<Notice>),
    ("NoticeList", check::<NoticeList>),
    ("NoticeUpdate", check::<NoticeUpdate>),
    ("Offer", check::<Offer>),
    ("Targets", check::<Targets>),
    ("TicketList", check::<TicketList>),
    ("TicketOptions", check::<TicketOptions>),
    ("TicketSummary", check::<TicketSummary>),
    ("TicketThread", check::<TicketThread>),
    ("Upsell", check::<Upsell>),
    ("Why", check::<Why>),
];

#[test]
fn each_example_is_what_serde_reads_and_writes() {
    let doc = document();
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    let mut with_example = Vec::new();
    for (name, schema) in schemas {
        let Some(example) = schema.get("example") else {
            continue;
        };
        let check = EXAMPLES
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, check)| check)
            .unwrap_or_else(|| {
                panic!("{name} has an example but no entry in EXAMPLES to check it with")
            });
        check(example);
        with_example.push(name.as_str());
    }
    for (name, _) in EXAMPLES {
        assert!(
            with_example.contains(name),
            "EXAMPLES lists {name}, which has no example in the document"
        );
    }
}

/// utoipa names a schema after its type alone, so two types of one name (a widget's
/// `TicketSummary` and the numbers' `TicketSummary`) would share one schema, and the document
/// would describe one answer with the other's shape. Each type deriving `ToSchema` must have a
/// name of its own (or `#[schema(as = …)]`).
#[test]
fn schema_names_are_unique_across_the_model_and_the_server() {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root().join("crates/model/src"), &mut files);
    walk(&root().join("crates/server/src"), &mut files);
    let mut seen: std::collections::BTreeMap<String, String> = Default::default();
    let mut clashes = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !(line.contains("derive(") && line.contains("ToSchema")) {
                continue;
            }
            // The item the attributes (and an example's JSON lines) lead to.
            let mut renamed = None;
            for next in lines[i..].iter().take(80) {
                let t = next.trim();
                let alias = ["(as = ", " as = "].iter().find_map(|p| t.split(p).nth(1));
                if t.contains("schema(") && alias.is_some() {
                    renamed = alias.and_then(|rest| {
                        rest.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                            .next()
                            .and_then(|n| n.rsplit("::").next())
                            .map(str::to_owned)
                    });
                }
                let t = t
                    .trim_start_matches("pub(crate) ")
                    .trim_start_matches("pub ");
                let Some(rest) = t.strip_prefix("struct ").or(t.strip_prefix("enum ")) else {
                    continue;
                };
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let name = renamed.clone().unwrap_or(name);
                let at = format!("{}:{}", file.display(), i + 1);
                if let Some(first) = seen.insert(name.clone(), at.clone()) {
                    clashes.push(format!("{name}: {first} and {at}"));
                }
                break;
            }
        }
    }
    assert!(seen.len() > 100, "found only {} schema types", seen.len());
    assert!(clashes.is_empty(), "schema names used twice: {clashes:#?}");
}

/// A path segment that is not text (`%FF`) is a JSON refusal with a code on every documented
/// operation that takes one, asked with credentials that pass (a customer's token, a provider
/// admin's session), so the request reaches the path's reading: never axum's plain-text
/// `400`, never a `500`.
#[tokio::test]
async fn a_path_segment_that_is_not_text_is_refused_in_json_everywhere() {
    let app = TestApp::new().await;
    app.lift_limits("acme").await;
    let admin = signed_in(
        &app,
        "acme",
        "ada",
        panelcare_model::console::Role::ProviderAdmin,
    )
    .await;
    let customer = token("acme", "alice");
    let mut checked = 0;
    for (method, path, _) in operations(&document()) {
        if !path.contains('{') {
            continue;
        }
        let concrete = path
            .split('/')
            .map(|s| if s.starts_with('{') { "%FF" } else { s })
            .collect::<Vec<_>>()
            .join("/");
        let mut req = admin.req(&method, &concrete, Some(serde_json::json!({})));
        req.headers_mut().insert(
            header::AUTHORIZATION,
            format!("Bearer {customer}").parse().expect("header"),
        );
        req.headers_mut()
            .insert("idempotency-key", "not-text-0001".parse().expect("header"));
        let (status, body, _) = app.send(req).await;
        assert_eq!(
            (status.as_u16(), code(&body)),
            (404, "not_found"),
            "{method} {concrete}: {body}"
        );
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} operations take a path");
}
