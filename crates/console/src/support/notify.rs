//! Where a tenant's agents hear about new tickets, customer replies and answers about to be
//! late: e-mail addresses and a signed webhook. The webhook secret is write-only: the server
//! never sends it back, only whether one is stored, which the form shows; "Send a test"
//! checks the saved set-up.

use panelcare_model::{
    FieldError,
    notify::{EMAILS_MAX, NotifySettings, SECRET_MIN},
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::NotifyTest;
use crate::{
    api::Api,
    form::{self, described_by, field, general_message, message},
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NotifyProps {
    pub api: Api,
    pub tenant: AttrValue,
    pub on_signed_out: Callback<()>,
}

/// The form as typed: one address a line.
#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    emails: String,
    url: String,
    secret: String,
}

impl Draft {
    fn of(s: &NotifySettings) -> Self {
        Self {
            emails: s.emails.join("\n"),
            url: s.webhook_url.clone(),
            secret: String::new(),
        }
    }

    fn settings(&self) -> NotifySettings {
        NotifySettings {
            emails: self
                .emails
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            webhook_url: self.url.trim().to_owned(),
            webhook_secret: self.secret.trim().to_owned(),
            // The server decides this from what it stores; a save ignores it.
            webhook_secret_set: false,
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

/// Messages for the address list, each naming its line.
fn email_errors(errors: &[FieldError], typed: &str) -> Option<String> {
    let lines: Vec<&str> = typed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let found: Vec<String> = errors
        .iter()
        .filter_map(|e| match e.field.strip_prefix("emails.") {
            Some(i) => {
                let n: usize = i.parse().ok()?;
                Some(format!(
                    "“{}”: {}",
                    lines.get(n).copied().unwrap_or(i),
                    e.message
                ))
            }
            None => (e.field == "emails").then(|| e.message.clone()),
        })
        .collect();
    (!found.is_empty()).then(|| found.join(" "))
}

#[component]
pub fn NotifyForm(props: &NotifyProps) -> Html {
    let loaded = use_state(|| None::<Result<NotifySettings, String>>);
    let draft = use_state(Draft::default);
    let errors = use_state(Vec::<FieldError>::new);
    let outcome = use_state(|| None::<(bool, String)>);
    let generated = use_state(|| None::<String>);
    let busy = use_state(|| false);
    {
        let (api, loaded, draft, errors, outcome, generated, on_signed_out) = (
            props.api.clone(),
            loaded.clone(),
            draft.clone(),
            errors.clone(),
            outcome.clone(),
            generated.clone(),
            props.on_signed_out.clone(),
        );
        use_effect_with(props.tenant.clone(), move |tenant| {
            let tenant = tenant.clone();
            loaded.set(None);
            errors.set(Vec::new());
            outcome.set(None);
            generated.set(None);
            spawn_local(async move {
                match api.notify_settings(&tenant).await {
                    Ok(s) => {
                        draft.set(Draft::of(&s));
                        loaded.set(Some(Ok(s)));
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => loaded.set(Some(Err(e.message()))),
                }
            });
        });
    }
    let stored = match &*loaded {
        None => return html! { <p class="c-muted">{ "Loading notification settings…" }</p> },
        Some(Err(m)) => return html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok(s)) => s.clone(),
    };
    let secret_kept = stored.webhook_secret_set;
    let edit = |set: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut d = (*draft).clone();
            set(&mut d, v);
            draft.set(d);
        })
    };
    let generate = {
        let (draft, generated, outcome) = (draft.clone(), generated.clone(), outcome.clone());
        Callback::from(move |_: MouseEvent| match new_secret() {
            Some(s) => {
                let mut d = (*draft).clone();
                d.secret = s.clone();
                draft.set(d);
                generated.set(Some(s));
            }
            None => outcome.set(Some((
                false,
                "This browser cannot make a random secret; type one of at least 16 characters."
                    .into(),
            ))),
        })
    };
    let onsubmit = {
        let (api, tenant, draft, loaded, errors, outcome, generated, busy, on_signed_out) = (
            props.api.clone(),
            props.tenant.clone(),
            draft.clone(),
            loaded.clone(),
            errors.clone(),
            outcome.clone(),
            generated.clone(),
            busy.clone(),
            props.on_signed_out.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = draft.settings();
            if let Err(local) = body.validate(secret_kept) {
                errors.set(local);
                outcome.set(Some((
                    false,
                    "Nothing was saved: fix the fields marked below.".into(),
                )));
                return;
            }
            let (api, tenant, draft, loaded, errors, outcome, generated, busy, on_signed_out) = (
                api.clone(),
                tenant.clone(),
                draft.clone(),
                loaded.clone(),
                errors.clone(),
                outcome.clone(),
                generated.clone(),
                busy.clone(),
                on_signed_out.clone(),
            );
            let new_secret = !body.webhook_secret.is_empty();
            busy.set(true);
            spawn_local(async move {
                let result = api.save_notify_settings(&tenant, &body).await;
                busy.set(false);
                match result {
                    Ok(saved) => {
                        draft.set(Draft::of(&saved));
                        errors.set(Vec::new());
                        generated.set(None);
                        let secret = if new_secret {
                            " The new webhook secret is stored; it is not shown again."
                        } else {
                            ""
                        };
                        outcome.set(Some((
                            true,
                            format!("Notification settings saved.{secret}"),
                        )));
                        loaded.set(Some(Ok(saved)));
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => {
                        outcome.set(Some((
                            false,
                            general_message(&e, &["emails", "webhook_url", "webhook_secret"])
                                .unwrap_or_else(|| {
                                    "Nothing was saved: fix the fields marked below.".into()
                                }),
                        )));
                        errors.set(form::field_errors(&e));
                    }
                }
            });
        })
    };
    let d = &*draft;
    let unsaved = *d != Draft::of(&stored);
    let emails_error = email_errors(&errors, &d.emails);
    let url_error = message(&errors, "webhook_url");
    let secret_error = message(&errors, "webhook_secret");
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
            <p class="c-hint">{ "Agents hear about new tickets, customers' replies, and answers about to be late." }</p>
            { field("c-nt-emails", "E-mail addresses", html! {
                <textarea id="c-nt-emails" rows="3" value={d.emails.clone()} placeholder="support@example.com"
                    aria-invalid={emails_error.as_ref().map(|_| "true")} aria-describedby={described_by("c-nt-emails", true, emails_error.is_some())}
                    oninput={edit(|d, v| d.emails = v).reform(|e: InputEvent| form::textarea_value(&e))} />
            }, Some(&format!("One a line, at most {EMAILS_MAX}. Mail goes out through the SMTP server the provider configured for this panelcare server (--smtp-url); without one, mail waits and the delivery log says why.")), emails_error.as_deref()) }
            { field("c-nt-url", "Webhook URL", html! {
                <input id="c-nt-url" type="url" value={d.url.clone()} placeholder="https://hooks.example.com/panelcare"
                    aria-invalid={url_error.map(|_| "true")} aria-describedby={described_by("c-nt-url", true, url_error.is_some())}
                    oninput={edit(|d, v| d.url = v).reform(|e: InputEvent| form::input_value(&e))} />
            }, Some("https:// (http:// only to 127.0.0.1 or localhost). Empty: no webhook. Events: ticket.created, ticket.customer_reply, ticket.sla_due_soon, and ticket.test when you send a test."), url_error) }
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
            if let Some(s) = &*generated {
                <p class="c-ok c-once" role="status">
                    { format!("New secret: {s} — copy it to your webhook receiver now. After you save, nobody can read it here again.") }
                </p>
            }
            if let Some((ok, text)) = &*outcome {
                <p class={if *ok { "c-ok" } else { "c-error" }} role={if *ok { "status" } else { "alert" }}>{ text }</p>
            }
            <button type="submit" class="c-button" disabled={*busy}>{ "Save notification settings" }</button>
            <NotifyTest api={props.api.clone()} tenant={props.tenant.clone()} {unsaved} on_signed_out={props.on_signed_out.clone()} />
        </form>
    }
}
