//! The ticket bridge: a tenant's widget tickets mirrored into the helpdesk its support staff
//! already answer in (the WHMCS addon is the first), and that helpdesk's answers brought
//! back. Both directions are signed with one of the tenant's keys, so the host holds only the
//! secret it already signs tokens with.

use serde::{Deserialize, Serialize};

use crate::{
    clean,
    error::{FieldError, FieldErrorCode},
    notify::webhook_url_ok,
    ticket::{BODY_MAX_CHARS, TicketStatus},
};

/// Longest reference a helpdesk may give a reply by.
pub const EXTERNAL_ID_MAX: usize = 100;
/// Longest author name a helpdesk may give.
pub const AUTHOR_MAX: usize = 100;

/// Where a tenant's tickets go: `PUT /console/api/tenants/{id}/ticket-bridge`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BridgeSettings {
    /// The helpdesk's receiving address, `https://…` (`http://` only on this machine).
    pub url: String,
    /// Which of the tenant's keys signs the deliveries (the one the host was given).
    pub key_id: String,
}

impl BridgeSettings {
    /// Checks the shape; whether the key exists is the server's to say.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if !webhook_url_ok(self.url.trim()) {
            errors.push(FieldError::new(
                "url",
                FieldErrorCode::InvalidUrl,
                "Give the helpdesk's https:// address (http:// only to this machine).",
            ));
        }
        if self.key_id.trim().is_empty() {
            errors.push(FieldError::new(
                "key_id",
                FieldErrorCode::Required,
                "Choose the key the helpdesk was given.",
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// What the console shows about a tenant's bridge.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BridgeState {
    /// None when the tenant has no bridge.
    pub settings: Option<BridgeSettings>,
    /// Deliveries waiting (including ones being retried).
    pub pending: u32,
    /// Deliveries given up on after every retry.
    pub failed: u32,
    /// The newest failure's reason, if any delivery failed since the last success.
    pub last_error: Option<String>,
    /// When a delivery last went through (RFC 3339).
    pub last_delivered_at: Option<String>,
}

/// Who wrote a message that comes back over the bridge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BridgeAuthor {
    /// Support staff in the helpdesk: shown to the customer as an answer.
    Support,
    /// The customer, writing in the helpdesk's own client area.
    Customer,
}

/// `POST /api/v1/bridge/tickets/{id}/replies`, signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BridgedReply {
    pub tenant: String,
    /// The helpdesk's id for this reply: the same id is stored once.
    pub external_id: String,
    pub from: BridgeAuthor,
    /// The staff member's name as the customer should see it.
    #[serde(default)]
    pub author: String,
    pub message: String,
}

/// `POST /api/v1/bridge/tickets/{id}/status`, signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BridgedStatus {
    pub tenant: String,
    pub status: String,
}

/// The answer to a bridged reply or status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BridgeAnswer {
    /// False when nothing changed (the reply was stored before, or the status was already so).
    pub recorded: bool,
    pub status: TicketStatus,
}

impl BridgedReply {
    /// The message cleaned leniently and trimmed, once every field is in bounds. Lenient:
    /// the helpdesk's user cannot fix a character our rule refuses, so it is removed.
    pub fn validate(&self) -> Result<String, Vec<FieldError>> {
        let mut errors = Vec::new();
        let id = self.external_id.trim();
        if id.is_empty() || id.len() > EXTERNAL_ID_MAX || id.chars().any(char::is_control) {
            errors.push(FieldError::new(
                "external_id",
                FieldErrorCode::Required,
                format!("Give the helpdesk's id of the reply, 1 to {EXTERNAL_ID_MAX} characters."),
            ));
        }
        if self.author.chars().count() > AUTHOR_MAX {
            errors.push(FieldError::new(
                "author",
                FieldErrorCode::TooLong,
                format!("At most {AUTHOR_MAX} characters."),
            ));
        }
        let message = clean::required(
            "message",
            &clean::lenient(&self.message),
            BODY_MAX_CHARS,
            &mut errors,
        );
        if errors.is_empty() {
            Ok(message)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(id: &str, message: &str) -> BridgedReply {
        BridgedReply {
            tenant: "acme".into(),
            external_id: id.into(),
            from: BridgeAuthor::Support,
            author: "Dana".into(),
            message: message.into(),
        }
    }

    #[test]
    fn a_reply_needs_an_id_and_text_in_bounds() {
        assert_eq!(
            reply("r-1", "  Fixed.  ").validate(),
            Ok("Fixed.".to_owned())
        );
        let fields = |r: BridgedReply| {
            r.validate()
                .unwrap_err()
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(fields(reply("", "x")), ["external_id"]);
        assert_eq!(fields(reply("a\nb", "x")), ["external_id"]);
        assert_eq!(fields(reply("r", " ")), ["message"]);
        assert_eq!(
            fields(reply("r", &"x".repeat(BODY_MAX_CHARS + 1))),
            ["message"]
        );
    }

    #[test]
    fn settings_need_a_reachable_address_and_a_key() {
        let ok = BridgeSettings {
            url: "https://billing.example.com/modules/addons/panelcare/bridge.php".into(),
            key_id: "k1".into(),
        };
        assert_eq!(ok.validate(), Ok(()));
        let plain = BridgeSettings {
            url: "http://billing.example.com/bridge.php".into(),
            key_id: String::new(),
        };
        assert_eq!(plain.validate().unwrap_err().len(), 2);
    }
}
