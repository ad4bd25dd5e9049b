//! Where a tenant's agents hear about new tickets, customer replies and answers about to be
//! late: e-mail addresses and a signed webhook; who hears about low ratings, in which
//! language ([`LowRatings`]); and which events the webhook gets ([`WebhookEvents`]). The
//! webhook secret is write-only: the server never sends it back, only whether one is stored,
//! which the form shows; "Send a test" checks the saved set-up.

use panelcare_model::{
    FieldError,
    notify::{EMAILS_MAX, NotifySettings, SECRET_MIN},
};
use std::rc::Rc;

use yew::prelude::*;

use super::{NotifyTest, events::WebhookEvents, low_ratings::LowRatings};
use crate::{
    form::{self, described_by, field, message},
    loaded::use_loaded,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NotifyProps {
    pub tenant: AttrValue,
}

/// The form as typed: one address a line.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Draft {
    emails: String,
    pub low_emails: String,
    pub language: String,
    url: String,
    secret: String,
    pub events: Vec<String>,
}

/// The addresses typed one a line, without the empty lines.
fn addresses(typed: &str) -> Vec<String> {
    typed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

impl Draft {
    fn of(s: &NotifySettings) -> Self {
        Self {
            emails: s.emails.join("\n"),
            low_emails: s.low_rating_emails.join("\n"),
            language: s.alert_language.clone(),
            url: s.webhook_url.clone(),
            secret: String::new(),
            events: s.webhook_events.clone(),
        }
    }

    fn settings(&self) -> NotifySettings {
        NotifySettings {
            emails: addresses(&self.emails),
            low_rating_emails: addresses(&self.low_emails),
            alert_language: self.language.clone(),
            webhook_url: self.url.trim().to_owned(),
            webhook_secret: self.secret.trim().to_owned(),
            // The server decides this from what it stores; a save ignores it.
            webhook_secret_set: false,
            webhook_events: self.events.clone(),
        }
    }
}

/// 32 random bytes from the browser's CSPRNG, as hex.
fn new_secret() -> Option<String> {
    let mut bytes = [0u8; 32];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut bytes)
        .ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Messages for the address list of `field`, each naming its line.
pub(super) fn email_errors(errors: &[FieldError], field: &str, typed: &str) -> Option<String> {
    let lines: Vec<&str> = typed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let found: Vec<String> = errors
        .iter()
        .filter_map(|e| match e.field.strip_prefix(&format!("{field}.")) {
            Some(i) => {
                let n: usize = i.parse().ok()?;
                Some(format!(
                    "“{}”: {}",
                    lines.get(n).copied().unwrap_or(i),
                    e.message
                ))
            }
            None => (e.field == field).then(|| e.message.clone()),
        })
        .collect();
    (!found.is_empty()).then(|| found.join(" "))
}

#[component]
pub fn NotifyForm(props: &NotifyProps) -> Html {
    let editor = use_loaded(
        props.tenant.clone(),
        Draft::of,
        |api, tenant: AttrValue| async move { api.notify_settings(&tenant).await },
    );
    // The secret just made, shown once while it is what the form would save.
    let generated = use_state(|| None::<String>);
    let stored = match editor.ready("Loading notification settings…") {
        Ok(s) => s,
        Err(waiting) => return waiting,
    };
    let secret_kept = stored.webhook_secret_set;
    let generate = {
        let (editor, generated) = (editor.clone(), generated.clone());
        Callback::from(move |_: MouseEvent| match new_secret() {
            Some(s) => {
                editor.edit(|d: &mut Draft, s| d.secret = s).emit(s.clone());
                generated.set(Some(s));
            }
            None => editor.outcome.set(Some((
                false,
                "This browser cannot make a random secret; type one of at least 16 characters."
                    .into(),
            ))),
        })
    };
    let onsubmit = {
        let (editor, tenant) = (editor.clone(), props.tenant.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = editor.draft.settings();
            if let Err(local) = body.validate(secret_kept) {
                editor.refuse(local);
                return;
            }
            let new_secret = !body.webhook_secret.is_empty();
            let tenant = tenant.clone();
            editor.save(
                move |api, _| async move { api.save_notify_settings(&tenant, &body).await },
                move |_| {
                    let secret = if new_secret {
                        " The new webhook secret is stored; it is not shown again."
                    } else {
                        ""
                    };
                    format!("Notification settings saved.{secret}")
                },
                &[
                    "emails",
                    "low_rating_emails",
                    "alert_language",
                    "webhook_url",
                    "webhook_secret",
                    "webhook_events",
                ],
            );
        })
    };
    let edit = |set: fn(&mut Draft, String)| editor.edit(set);
    let d: &Draft = &editor.draft;
    let unsaved = *d != Draft::of(&stored);
    let emails_error = email_errors(&editor.errors, "emails", &d.emails);
    let url_error = message(&editor.errors, "webhook_url");
    let secret_error = message(&editor.errors, "webhook_secret");
    let secret_state = if secret_kept {
        "A secret is stored. It is never shown again, not even to admins: leave this empty to keep it, or type a new one to replace it."
    } else {
        "No secret is stored yet. The webhook needs one to sign its deliveries."
    };
    let secret_hint = format!(
        "{secret_state} At least {SECRET_MIN} characters; each delivery carries X-Panelcare-Signature: sha256=HMAC(secret, \"timestamp.body\")."
    );
    html! {
        <form class="c-form c-notify" novalidate=true {onsubmit} aria-label="Notification settings">
            <p class="c-hint">{ "Agents hear about new tickets, customers' replies, answers about to be late, and low ratings." }</p>
            { field("c-nt-emails", "E-mail addresses", html! {
                <textarea id="c-nt-emails" rows="3" value={d.emails.clone()} placeholder="support@example.com"
                    aria-invalid={emails_error.as_ref().map(|_| "true")} aria-describedby={described_by("c-nt-emails", true, emails_error.is_some())}
                    oninput={edit(|d, v| d.emails = v).reform(|e: InputEvent| form::textarea_value(&e))} />
            }, Some(&format!("One a line, at most {EMAILS_MAX}. Mail goes out through the SMTP server the provider configured for this panelcare server (--smtp-url); without one, mail waits and the delivery log says why.")), emails_error.as_deref()) }
            { field("c-nt-url", "Webhook URL", html! {
                <input id="c-nt-url" type="url" value={d.url.clone()} placeholder="https://hooks.example.com/panelcare"
                    aria-invalid={url_error.map(|_| "true")} aria-describedby={described_by("c-nt-url", true, url_error.is_some())}
                    oninput={edit(|d, v| d.url = v).reform(|e: InputEvent| form::input_value(&e))} />
            }, Some("https:// (http:// only to 127.0.0.1 or localhost). Empty: no webhook. It gets the events chosen below, and ticket.test when you send a test."), url_error) }
            { field("c-nt-secret", "Webhook secret (write-only)", html! {
                <input id="c-nt-secret" type="password" autocomplete="new-password" value={d.secret.clone()}
                    placeholder={if secret_kept { "•••••••• stored — leave empty to keep" } else { "" }}
                    aria-invalid={secret_error.map(|_| "true")} aria-describedby={described_by("c-nt-secret", true, secret_error.is_some())}
                    oninput={edit(|d, v| d.secret = v).reform(|e: InputEvent| form::input_value(&e))} />
            }, Some(&secret_hint), secret_error) }
            <p class={if secret_kept { "c-badge c-status-done c-secret-state" } else { "c-badge c-secret-state" }}>
                { if secret_kept { "Secret: stored (hidden)" } else { "Secret: not set" } }
            </p>
            <button type="button" class="c-button c-ghost c-small" onclick={generate}>{ "Generate a new secret" }</button>
            <WebhookEvents chosen={Rc::new(d.events.clone())} errors={Rc::new((*editor.errors).clone())}
                on_change={editor.edit(|d: &mut Draft, events: Vec<String>| d.events = events)} />
            <LowRatings emails={AttrValue::from(d.low_emails.clone())} language={AttrValue::from(d.language.clone())}
                errors={Rc::new((*editor.errors).clone())}
                on_emails={editor.edit(|d: &mut Draft, v: String| d.low_emails = v)}
                on_language={editor.edit(|d: &mut Draft, v: String| d.language = v)} />
            if let Some(s) = generated.as_ref().filter(|s| **s == d.secret) {
                <p class="c-ok c-once" role="status">
                    { format!("New secret: {s} — copy it to your webhook receiver now. After you save, nobody can read it here again.") }
                </p>
            }
            if let Some((ok, text)) = &*editor.outcome {
                <p class={if *ok { "c-ok" } else { "c-error" }} role={if *ok { "status" } else { "alert" }}>{ text }</p>
            }
            <button type="submit" class="c-button" disabled={*editor.busy}>{ "Save notification settings" }</button>
            <NotifyTest tenant={props.tenant.clone()} {unsaved} />
        </form>
    }
}
