//! Types, limits and validation that the widget (wasm32) and the server (native) share.
//!
//! Nothing here does I/O, so both sides agree on what is valid before a byte is sent.

pub mod branding;
pub mod bridge;
pub mod clean;
pub mod console;
pub mod error;
pub mod feedback;
pub mod identity;
pub mod kb;
pub mod lang;
pub mod limits;
pub mod notice;
pub mod notify;
pub mod numbers;
pub mod offers;
pub mod sla;
pub mod text;
pub mod ticket;

pub use error::{ApiError, ErrorBody, ErrorCode, FieldError};
pub use feedback::{
    Feedback, FeedbackCategory, FeedbackList, FeedbackStatus, NewFeedback, ValidFeedback,
};
pub use identity::{AUDIENCE, MAX_TOKEN_LIFETIME_SECS};
pub use lang::{Lang, Plural, Plurals};
