//! What a widget reports when something went wrong in the customer's browser
//! (`POST /api/v1/widget-errors`): only a kind from a closed set, counted per tenant for the
//! provider's monitoring. No message or stack is sent: nothing a customer typed, and no
//! text that could make a series of its own.

use serde::{Deserialize, Serialize};

use crate::{FieldError, error::FieldErrorCode};

/// What went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WidgetErrorKind {
    /// The widget's code could not be loaded or started (a wasm fetch or instantiation failed).
    Start,
    /// The host's shim failed: `identity()`, `context()` or `usage()` rejected or returned
    /// something unusable.
    Host,
    /// An API call failed without an answer the widget could show (network, 5xx, a body it
    /// could not read).
    Api,
    /// The widget's own code failed (a panic).
    Panic,
    /// Anything else.
    Other,
}

impl WidgetErrorKind {
    pub const ALL: [Self; 5] = [Self::Start, Self::Host, Self::Api, Self::Panic, Self::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Host => "host",
            Self::Api => "api",
            Self::Panic => "panic",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The body of `POST /api/v1/widget-errors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WidgetErrorReport {
    /// `start`, `host`, `api`, `panic` or `other` (a `WidgetErrorKind`).
    pub kind: String,
}

impl WidgetErrorReport {
    pub fn validate(&self) -> Result<WidgetErrorKind, Vec<FieldError>> {
        WidgetErrorKind::parse(&self.kind).ok_or_else(|| {
            let code = if self.kind.is_empty() {
                FieldErrorCode::Required
            } else {
                FieldErrorCode::UnknownValue
            };
            vec![FieldError::new(
                "kind",
                code,
                "Choose one of: start, host, api, panic, other.",
            )]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_a_closed_set() {
        for k in WidgetErrorKind::ALL {
            assert_eq!(WidgetErrorKind::parse(k.as_str()), Some(k));
        }
        let bad = WidgetErrorReport {
            kind: "boom".into(),
        }
        .validate();
        assert_eq!(
            bad.map_err(|e| e[0].code),
            Err(FieldErrorCode::UnknownValue)
        );
        let empty = WidgetErrorReport {
            kind: String::new(),
        }
        .validate();
        assert_eq!(empty.map_err(|e| e[0].code), Err(FieldErrorCode::Required));
    }
}
