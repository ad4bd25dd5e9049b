//! Password hashing (argon2id with the crate's recommended parameters), off the async
//! runtime: a hash takes tens of milliseconds of CPU, which on a runtime worker would stall
//! every request behind it.

use argon2::{
    Argon2,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng},
};

/// At most this many hashes at once: more would only queue on the same cores, and the
/// rest of the server keeps the others.
pub const CONCURRENT_HASHES: usize = 2;

/// How long a sign-in waits for a turn to hash before it is told the server is busy.
const TURN_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

static TURNS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(CONCURRENT_HASHES);

/// Runs `work` (hashing) on the blocking pool once one of the [`CONCURRENT_HASHES`] turns
/// is free; `None` when no turn came within [`TURN_WAIT`].
pub async fn off_runtime<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    let _turn = tokio::time::timeout(TURN_WAIT, TURNS.acquire())
        .await
        .ok()?
        .ok()?;
    tokio::task::spawn_blocking(work).await.ok()
}

/// The answer when no hashing turn came in time: nothing was done, try again shortly.
pub fn busy() -> crate::error::AppError {
    crate::error::AppError::later(
        panelcare_model::ErrorCode::TooManyAttempts,
        "The server is busy signing others in. Try again in a few seconds.",
        5_000,
    )
}

/// [`verify`] off the runtime; `None` when the server had no turn for it.
pub async fn verify_async(stored: Option<String>, password: String) -> Option<bool> {
    off_runtime(move || match stored {
        Some(stored) => verify(&stored, &password),
        None => {
            verify_nobody(&password);
            false
        }
    })
    .await
}

pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

pub fn verify(stored: &str, password: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// Spends the time a real check takes, so an unknown e-mail cannot be told from a wrong
/// password by how long the answer takes.
pub fn verify_nobody(password: &str) {
    use std::sync::OnceLock;
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("not a password anyone has").unwrap_or_default());
    let _ = verify(dummy, password);
}

/// A new random password for a freshly created agent: 18 random bytes, URL-safe base64.
pub fn generate() -> String {
    use base64::Engine as _;
    use rand::RngCore as _;
    let mut bytes = [0u8; 18];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ_by_salt() {
        let a = hash("correct horse").expect("hash");
        let b = hash("correct horse").expect("hash");
        assert_ne!(a, b);
        assert!(a.starts_with("$argon2id$"));
        assert!(verify(&a, "correct horse"));
        assert!(!verify(&a, "Correct horse"));
        assert!(!verify("not a hash", "correct horse"));
    }
}
