//! Password hashing (argon2id with the crate's recommended parameters) and sign-in lockout.

use argon2::{
    Argon2,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng},
};

/// Consecutive failures allowed before sign-in is refused for a while.
pub const FREE_FAILURES: i64 = 5;

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

/// How long sign-in stays refused after `failures` consecutive failures: nothing for the
/// first few, then one minute, doubling, at most an hour.
pub fn lockout_ms(failures: i64) -> Option<i64> {
    let over = failures - FREE_FAILURES;
    (over >= 0).then(|| (60_000i64 << over.min(6)).min(3_600_000))
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

    #[test]
    fn lockout_grows_and_is_capped() {
        assert_eq!(lockout_ms(4), None);
        assert_eq!(lockout_ms(5), Some(60_000));
        assert_eq!(lockout_ms(6), Some(120_000));
        assert_eq!(lockout_ms(30), Some(3_600_000));
    }
}
