//! A notice as the form holds it (times in the browser's zone, names comma-separated), and
//! the request body made from it after the checks that need no server.

use panelcare_model::{
    FieldError,
    console::TenantInfo,
    error::FieldErrorCode,
    notice::{AgentNotice, NewNotice, NoticeKind},
};

use crate::form::{self, problem};

/// The form as typed: times in the browser's zone, names comma-separated.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub tenant_id: String,
    pub kind: NoticeKind,
    pub title: String,
    pub body: String,
    pub starts: String,
    pub ends: String,
    pub plans: String,
    pub servers: String,
}

/// The form's fields `FIELDS` name: an error on any other is said above the form.
pub const FIELDS: [&str; 8] = [
    "tenant_id",
    "kind",
    "title",
    "body",
    "starts_at",
    "ends_at",
    "affected_plans",
    "affected_servers",
];

/// The draft of `notice`, or of new maintenance for the first tenant in scope.
pub fn start(notice: Option<&AgentNotice>, tenants: &[TenantInfo]) -> Draft {
    match notice {
        Some(n) => Draft {
            tenant_id: n.tenant_id.clone(),
            kind: n.notice.kind,
            title: n.notice.title.clone(),
            body: n.notice.body.clone(),
            starts: form::to_local_input(&n.notice.starts_at),
            ends: n
                .notice
                .ends_at
                .as_deref()
                .map(form::to_local_input)
                .unwrap_or_default(),
            plans: n.notice.affected_plans.join(", "),
            servers: n.notice.affected_servers.join(", "),
        },
        // Maintenance is announced ahead: tomorrow's window is a sensible start.
        None => Draft {
            tenant_id: tenants.first().map(|t| t.id.clone()).unwrap_or_default(),
            kind: NoticeKind::Maintenance,
            title: String::new(),
            body: String::new(),
            starts: form::local_input_in(24.0 * 60.0),
            ends: form::local_input_in(25.0 * 60.0),
            plans: String::new(),
            servers: String::new(),
        },
    }
}

fn names(typed: &str) -> Vec<String> {
    typed
        .split([',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// The request body, or what is plainly wrong before asking the server.
pub fn build(d: &Draft) -> Result<NewNotice, Vec<FieldError>> {
    let mut errors = Vec::new();
    for (name, value) in [("title", &d.title), ("body", &d.body)] {
        if value.trim().is_empty() {
            errors.push(problem(
                name,
                FieldErrorCode::Required,
                "This field is required.",
            ));
        }
    }
    let starts = form::from_local_input(&d.starts);
    if starts.is_none() {
        errors.push(problem(
            "starts_at",
            FieldErrorCode::Required,
            "Choose when it starts.",
        ));
    }
    let ends = form::from_local_input(&d.ends);
    if ends.is_none() && d.kind == NoticeKind::Maintenance {
        errors.push(problem(
            "ends_at",
            FieldErrorCode::Required,
            "Maintenance has an end: choose when it is over.",
        ));
    }
    if let (Some(s), Some(e)) = (&starts, &ends)
        && js_sys::Date::parse(e) <= js_sys::Date::parse(s)
    {
        errors.push(problem(
            "ends_at",
            FieldErrorCode::OutOfRange,
            "The end comes after the start.",
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NewNotice {
        tenant_id: d.tenant_id.clone(),
        kind: d.kind.as_str().to_owned(),
        title: d.title.clone(),
        body: d.body.clone(),
        starts_at: starts.unwrap_or_default(),
        ends_at: ends,
        affected_plans: names(&d.plans),
        affected_servers: names(&d.servers),
    })
}
