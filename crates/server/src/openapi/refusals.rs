//! The refusals every API operation may answer, documented once: each is an `ErrorBody`
//! whose `code` says which (`ErrorCode::status` gives the status each code carries).

use std::collections::BTreeMap;

use utoipa::{
    IntoResponses,
    openapi::{
        ContentBuilder, HeaderBuilder, Ref, RefOr, ResponseBuilder, Type, response::Response,
        schema::ObjectBuilder,
    },
};

/// Listed in each operation's `responses(...)`; only its documentation is used (handlers
/// answer with `AppError`).
pub struct Refusals;

const REFUSALS: [(u16, &str); 9] = [
    (
        400,
        "Malformed: JSON that does not parse, or a missing or malformed `Idempotency-Key`.",
    ),
    (
        401,
        "No valid credentials: a missing, expired or badly signed token, signature or \
         session; or a console sign-in that still needs its second factor.",
    ),
    (
        403,
        "Not allowed here: an origin the tenant does not allow, a console change without the \
         session's CSRF token, or a role that may not do this.",
    ),
    (
        404,
        "Nothing at this address that the caller may see (another account's or tenant's \
         records answer the same).",
    ),
    (
        409,
        "The record's state refuses it: a closed ticket, a reopen window past, nothing to \
         rate.",
    ),
    (
        413,
        "The body or file is larger than allowed, or the account's storage quota is used up.",
    ),
    (415, "A body that is not JSON, or a file type not allowed."),
    (
        422,
        "Parsed but not valid: `fields` says which field and why; or an `Idempotency-Key` \
         reused for a different body.",
    ),
    (
        429,
        "A rate limit or sign-in throttling: `Retry-After` says how many seconds to wait.",
    ),
];

/// The name each refusal has under `components.responses`.
fn name(status: u16) -> String {
    format!("Refused{status}")
}

impl IntoResponses for Refusals {
    /// References only: the responses themselves are written once, by [`add_to`].
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        REFUSALS
            .iter()
            .map(|&(status, _)| {
                (
                    status.to_string(),
                    RefOr::Ref(Ref::from_response_name(name(status))),
                )
            })
            .collect()
    }
}

/// Writes each refusal into `components.responses`, where every operation refers to it.
pub fn add_to(components: &mut utoipa::openapi::Components) {
    for &(status, description) in &REFUSALS {
        let content = ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("ErrorBody")))
            .build();
        let mut response = ResponseBuilder::new()
            .description(description)
            .content("application/json", content);
        if status == 429 {
            response = response.header(
                "Retry-After",
                HeaderBuilder::new()
                    .schema(ObjectBuilder::new().schema_type(Type::Integer))
                    .description(Some("Seconds to wait before trying again."))
                    .build(),
            );
        }
        components
            .responses
            .insert(name(status), RefOr::T(response.build()));
    }
}
