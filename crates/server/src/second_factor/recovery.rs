//! Recovery codes: ten one-time codes given when a second factor is turned on, for the day
//! the phone is lost. Each is 50 random bits written `xxxxx-xxxxx` (base32, lower case); only a
//! SHA-256 of its normalised form, bound to the account, is kept.

use rand::RngCore as _;
use sha2::{Digest, Sha256};

use super::totp::base32;

/// `count` new codes.
pub fn generate(count: usize) -> Vec<String> {
    (0..count)
        .map(|_| {
            let mut bytes = [0u8; 7];
            rand::rngs::OsRng.fill_bytes(&mut bytes);
            // 56 bits make 12 characters (the last partial); ten of them are kept: 50 bits.
            let text = base32(&bytes).to_lowercase();
            format!("{}-{}", &text[..5], &text[5..10])
        })
        .collect()
}

/// What a typed code is compared as: case, spaces and dashes do not matter.
pub fn normalise(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `typed` has a recovery code's shape (so a six-digit code is never taken for one).
pub fn looks_like(typed: &str) -> bool {
    let n = normalise(typed);
    n.len() == 10 && n.bytes().all(|b| matches!(b, b'a'..=b'z' | b'2'..=b'7'))
}

/// What is stored of `code` for `agent_id`.
pub fn hash(agent_id: &str, code: &str) -> String {
    hex::encode(
        Sha256::new()
            .chain_update(b"panelcare recovery code\0")
            .chain_update(agent_id.as_bytes())
            .chain_update(b"\0")
            .chain_update(normalise(code).as_bytes())
            .finalize(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_readable_and_hashed_by_account() {
        let codes = generate(10);
        assert_eq!(codes.len(), 10);
        let unique: std::collections::BTreeSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), 10);
        for c in &codes {
            assert_eq!(c.len(), 11, "{c}");
            assert!(looks_like(c), "{c}");
            assert_eq!(hash("a", c), hash("a", &c.to_uppercase().replace('-', " ")));
            assert_ne!(hash("a", c), hash("b", c));
        }
        assert!(!looks_like("123456"));
    }
}
