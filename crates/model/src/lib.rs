//! Types, limits and validation that the widget (wasm32) and the server (native) share.
//!
//! Nothing here does I/O, so both sides agree on what is valid before a byte is sent.

/// A field error's English message built with `format!` arguments; without the
/// `field-messages` feature (the widget) nothing is formatted, as [`FieldError::new`] would
/// drop it anyway.
macro_rules! message {
    ($($arg:tt)*) => {{
        #[cfg(feature = "field-messages")]
        let m = format!($($arg)*);
        // Never called: it only marks the arguments as used.
        #[cfg(not(feature = "field-messages"))]
        let m = {
            let _unused = || format!($($arg)*);
            String::new()
        };
        m
    }};
}
pub(crate) use message;

pub mod alerts;
pub mod branding;
pub mod bridge;
pub mod clean;
pub mod console;
#[cfg(feature = "data-rights")]
pub mod data_rights;
pub mod error;
pub mod feedback;
pub mod ideas;
pub mod identity;
pub mod kb;
pub mod lang;
pub mod limits;
pub mod notice;
pub mod notify;
pub mod numbers;
pub mod offers;
pub mod second_factor;
pub mod sla;
pub mod text;
pub mod ticket;
pub mod widget_errors;

pub use error::{ApiError, ErrorBody, ErrorCode, FieldError};
pub use feedback::{
    Feedback, FeedbackCategory, FeedbackList, FeedbackStatus, NewFeedback, ValidFeedback,
};
pub use identity::{AUDIENCE, MAX_TOKEN_LIFETIME_SECS};
pub use lang::{Lang, Plural, Plurals};
