//! Tenants: the provider and its white-label resellers. Every stored row belongs to one, and
//! a [`Scope`] is the set of tenants a console account sees.

mod scope;
pub mod store;

pub use scope::Scope;

use rand::RngCore;

/// A new random signing secret: 32 bytes, URL-safe base64, ready to paste into a host's
/// settings.
pub fn generate_secret() -> String {
    use base64::Engine as _;
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
