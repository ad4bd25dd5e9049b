//! The console itself, as the server's `console` feature is: the signed-in session every
//! screen shares ([`Console`], [`use_console`]) and signing in.

mod context;
mod login;

pub use context::{Console, use_console};
pub use login::{Login, LoginProps};
