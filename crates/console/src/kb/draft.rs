//! An article as its editor holds it, and what the server would refuse that is plain to see
//! before asking it.

use panelcare_model::{
    FieldError, Lang,
    console::TenantInfo,
    error::FieldErrorCode,
    kb::{AgentArticle, BODY_MAX_CHARS, NewArticle},
};

use crate::form::problem;

/// The fields the editor has a place for; anything else the server names goes above it.
pub const FIELDS: [&str; 4] = ["tenant_id", "lang", "title", "body"];

/// The draft of `article`, or of a new English draft for the first tenant in scope.
pub fn start(article: Option<&AgentArticle>, tenants: &[TenantInfo]) -> NewArticle {
    match article {
        Some(a) => NewArticle {
            tenant_id: a.tenant_id.clone(),
            lang: a.lang.clone(),
            title: a.title.clone(),
            body: a.body.clone(),
            published: a.published,
        },
        None => NewArticle {
            tenant_id: tenants.first().map(|t| t.id.clone()).unwrap_or_default(),
            lang: Lang::En.tag().to_owned(),
            title: String::new(),
            body: String::new(),
            published: false,
        },
    }
}

/// What the server would refuse that is plain to see here.
pub fn check(a: &NewArticle) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (name, value) in [("title", &a.title), ("body", &a.body)] {
        if value.trim().is_empty() {
            errors.push(problem(
                name,
                FieldErrorCode::Required,
                "This field is required.",
            ));
        }
    }
    if a.body.chars().count() > BODY_MAX_CHARS {
        errors.push(problem(
            "body",
            FieldErrorCode::TooLong,
            &format!("At most {BODY_MAX_CHARS} characters."),
        ));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_draft_is_english_for_the_first_tenant_and_empty_fields_are_refused() {
        let tenants = [TenantInfo {
            id: "acme".into(),
            name: "Acme Hosting".into(),
            parent_id: None,
        }];
        let d = start(None, &tenants);
        assert_eq!((d.tenant_id.as_str(), d.lang.as_str()), ("acme", "en"));
        let fields: Vec<String> = check(&d).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "body"]);
    }

    #[test]
    fn a_body_over_the_limit_is_refused() {
        let d = NewArticle {
            tenant_id: "acme".into(),
            lang: "en".into(),
            title: "Restoring a site".into(),
            body: "x".repeat(BODY_MAX_CHARS + 1),
            published: true,
        };
        let errors = check(&d);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "body");
    }
}
