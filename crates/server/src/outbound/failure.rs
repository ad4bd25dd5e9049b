//! Why a delivery did not go through, as a small set of classes. Only the class is stored and
//! shown: the address is the tenant's to choose, so what it answered (a body, an error text
//! naming a port's state) would make deliveries a probe of whatever that address is.

use std::fmt;

/// The class of a failed webhook or bridge delivery; stored in `last_error` as [`Self::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The address is loopback, private, link-local, metadata… and not in `--outbound-allow`.
    NotAllowed,
    /// No connection: the name did not resolve, nothing answered, the URL was unusable.
    Connect,
    TimedOut,
    Tls,
    /// A 3xx: redirects are never followed (they could lead anywhere, the guard's rule aside).
    Redirect,
    /// Answered with this non-2xx, non-3xx status.
    Status(u16),
    /// The key the delivery is to be signed with is gone.
    NoKey,
    /// The delivery could not be built from what is stored (the log says why).
    Unsendable,
    /// The answer could not be read, or anything else.
    Other,
}

impl Failure {
    /// What `last_error` holds.
    pub fn code(self) -> String {
        match self {
            Self::NotAllowed => "not_allowed".into(),
            Self::Connect => "connect".into(),
            Self::TimedOut => "timed_out".into(),
            Self::Tls => "tls".into(),
            Self::Redirect => "redirect".into(),
            Self::Status(s) => format!("status_{s}"),
            Self::NoKey => "no_key".into(),
            Self::Unsendable => "unsendable".into(),
            Self::Other => "failed".into(),
        }
    }

    /// The class a stored `last_error` names. Rows written before classes were stored hold free
    /// text: only the status it named is kept of it, the rest becomes [`Self::Other`].
    pub fn from_stored(stored: &str) -> Self {
        match stored {
            "not_allowed" => Self::NotAllowed,
            "connect" => Self::Connect,
            "timed_out" => Self::TimedOut,
            "tls" => Self::Tls,
            "redirect" => Self::Redirect,
            "no_key" => Self::NoKey,
            "unsendable" => Self::Unsendable,
            _ => stored
                .strip_prefix("status_")
                .and_then(|s| s.parse().ok())
                .or_else(|| legacy_status(stored))
                .map_or(Self::Other, Self::Status),
        }
    }

    /// A reqwest error as its class.
    pub fn of(err: &reqwest::Error) -> Self {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
        let mut text = String::new();
        while let Some(e) = source {
            if e.is::<super::client::NotAllowed>() {
                return Self::NotAllowed;
            }
            text.push_str(&e.to_string().to_ascii_lowercase());
            text.push(' ');
            source = e.source();
        }
        if err.is_timeout() {
            Self::TimedOut
        } else if err.is_connect() || err.is_builder() || err.is_request() {
            // rustls' error types are not ours to name; their messages are stable enough to
            // sort a handshake failure from a refused connection.
            if ["certificate", "tls", "handshake"]
                .iter()
                .any(|w| text.contains(w))
            {
                Self::Tls
            } else {
                Self::Connect
            }
        } else {
            Self::Other
        }
    }
}

/// `the helpdesk answered 503 Service Unavailable` (before classes) → 503.
fn legacy_status(text: &str) -> Option<u16> {
    let (_, rest) = text.split_once("answered ")?;
    rest.get(..3)?.parse().ok()
}

impl fmt::Display for Failure {
    /// What the console shows.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAllowed => f.write_str(
                "refused: the address is on this machine or a private network (the server's \
                 operator can allow it with --outbound-allow)",
            ),
            Self::Connect => f.write_str("could not connect"),
            Self::TimedOut => f.write_str("timed out"),
            Self::Tls => f.write_str("TLS failed"),
            Self::Redirect => f.write_str("answered a redirect, which is not followed"),
            Self::Status(s) => {
                let reason = reqwest::StatusCode::from_u16(*s)
                    .ok()
                    .and_then(|c| c.canonical_reason())
                    .unwrap_or("");
                match reason {
                    "" => write!(f, "answered {s}"),
                    reason => write!(f, "answered {s} {reason}"),
                }
            }
            Self::NoKey => f.write_str("not sent: the signing key it names is gone"),
            Self::Unsendable => {
                f.write_str("not sent: it could not be built (the server's log says why)")
            }
            Self::Other => f.write_str("failed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Failure;

    #[test]
    fn stored_codes_read_back() {
        for f in [
            Failure::NotAllowed,
            Failure::Connect,
            Failure::TimedOut,
            Failure::Tls,
            Failure::Redirect,
            Failure::Status(502),
            Failure::NoKey,
            Failure::Unsendable,
            Failure::Other,
        ] {
            assert_eq!(Failure::from_stored(&f.code()), f);
        }
    }

    #[test]
    fn old_free_text_keeps_only_its_status() {
        let old = Failure::from_stored("the helpdesk answered 503 Service Unavailable (busy)");
        assert_eq!(old, Failure::Status(503));
        assert_eq!(old.to_string(), "answered 503 Service Unavailable");
        let raw = "error sending request: tcp connect error: Connection refused (os error 111)";
        assert_eq!(Failure::from_stored(raw), Failure::Other);
    }
}
