//! `POST /console/api/tenants/{id}/notifications/test`: a test e-mail to each saved address
//! (for tickets and for low ratings) and one signed `ticket.test` webhook delivery. They go through the same outbox, worker and
//! retries as real events, so what an admin sees arrive (or the delivery log's reason why
//! not) is what real notifications will do.

use crate::extract::ApiPath;
use axum::{Json, extract::State};
use panelcare_model::{
    FieldError,
    error::FieldErrorCode,
    notify::{TEST_EVENT, TestQueued},
};
use serde_json::json;

use super::{
    outbox::{About, Outgoing, queue},
    store,
};
use crate::{
    audit,
    console::{SignedIn, scope::require_admin_of},
    error::{AppError, AppResult},
    openapi::Refusals,
    state::AppState,
    tenants, time,
};

#[utoipa::path(
    post, path = "/tenants/{id}/notifications/test", tag = "notify",
    operation_id = "console_send_test_notification",
    summary = "Send a test notification to the saved addresses and webhook",
    description = "A test e-mail to each saved address and one signed `ticket.test` webhook \
        delivery, queued like real events; no request body. Admins of the tenant only. Audited.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    responses((status = 200, description = "Queued", body = TestQueued), Refusals),
)]
pub async fn send(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant): ApiPath<String>,
) -> AppResult<Json<TestQueued>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    let tenant_name = tenants::store::name(&state.db, &tenant)
        .await?
        .ok_or_else(AppError::not_found)?;
    let mut tx = state.db.write().await?;
    let saved = store::settings(&mut tx, &tenant).await?;
    // Every saved address once: those for tickets and those for low ratings.
    let mut emails: Vec<String> = Vec::new();
    for e in saved.emails.iter().chain(&saved.low_rating_emails) {
        let e = e.trim().to_owned();
        if !emails.iter().any(|x| x.eq_ignore_ascii_case(&e)) {
            emails.push(e);
        }
    }
    if emails.is_empty() && saved.webhook_url.is_empty() {
        // Tested is what is saved: with nothing saved there is nowhere to send to.
        return Err(AppError::validation(vec![FieldError::new(
            "emails",
            FieldErrorCode::Required,
            "Save at least one e-mail address or a webhook first: the test goes to the saved settings.",
        )]));
    }
    let now = time::now_ms();
    let subject = format!("[{tenant_name}] Test notification");
    let email_body = format!(
        "This is a test notification from panelcare, sent because {} asked for one in the \
         console.\n\nIf it reached you, this address hears what {tenant_name}'s notification \
         settings send it: new tickets, customers' replies and answers about to be late, or \
         low ratings. Nothing needs doing.\n\n\
         Open the console: {}/console/\n",
        who.agent.name,
        state.config.public_url.trim_end_matches('/')
    );
    let payload = json!({
        "event": TEST_EVENT,
        "tenant_id": tenant,
        "test": true,
        "requested_by": {"id": who.agent.id, "name": who.agent.name},
        "occurred_at": time::rfc3339(now),
    })
    .to_string();
    let message = Outgoing {
        tenant: &tenant,
        event: TEST_EVENT,
        emails: &emails,
        subject: &subject,
        email_body: &email_body,
        payload: &payload,
        about: About::Nothing,
    };
    queue(&mut tx, &saved, &message, now).await?;
    tx.commit().await?;
    let queued = TestQueued {
        emails,
        webhook_url: saved.webhook_url,
    };
    let detail = format!(
        "{} e-mails, webhook {}",
        queued.emails.len(),
        if queued.webhook_url.is_empty() {
            "off"
        } else {
            &queued.webhook_url
        }
    );
    audit::record(
        &state.db,
        &tenant,
        &who.agent.id,
        "notifications.test",
        &tenant,
        &detail,
    )
    .await?;
    Ok(Json(queued))
}
