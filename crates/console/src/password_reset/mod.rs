//! Password reset in the console: asking for a link from the sign-in screen, and choosing a
//! new password when the link (`/console/#reset=<token>`) is opened.

mod forgot;
mod new_password;

pub use forgot::ForgotPassword;
pub use new_password::NewPassword;

/// The token of a reset link, when the console was opened through one.
pub fn token_in_address() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let token = hash.strip_prefix("#reset=")?;
    (!token.is_empty()).then(|| token.to_owned())
}

/// Forgets the link once it is used, so a reload shows the sign-in form.
pub fn leave_address() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash("");
    }
}
