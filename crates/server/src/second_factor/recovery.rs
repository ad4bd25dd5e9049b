//! Recovery codes: ten one-time codes given when a second factor is turned on, for the day
//! the phone is lost. Each is 80 random bits written `xxxx-xxxx-xxxx-xxxx` (base32, lower
//! case); only a SHA-256 of its normalised form, bound to the account, is kept. 80 bits, not
//! fewer: the hash is fast, so a code must be too long to find from a stolen database by
//! trying them all (2^80 hashes); a keyed hash would die with a rotated server key.

use rand::RngCore as _;
use sha2::{Digest, Sha256};

use super::totp::base32;

/// `count` new codes.
pub fn generate(count: usize) -> Vec<String> {
    (0..count)
        .map(|_| {
            let mut bytes = [0u8; 10];
            rand::rngs::OsRng.fill_bytes(&mut bytes);
            // 80 bits make exactly 16 characters.
            let text = base32(&bytes).to_lowercase();
            format!(
                "{}-{}-{}-{}",
                &text[..4],
                &text[4..8],
                &text[8..12],
                &text[12..16]
            )
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
    n.len() == 16 && n.bytes().all(|b| matches!(b, b'a'..=b'z' | b'2'..=b'7'))
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
            assert_eq!(c.len(), 19, "{c}");
            assert!(looks_like(c), "{c}");
            assert_eq!(hash("a", c), hash("a", &c.to_uppercase().replace('-', " ")));
            assert_ne!(hash("a", c), hash("b", c));
        }
        assert!(!looks_like("123456"));
    }
}
