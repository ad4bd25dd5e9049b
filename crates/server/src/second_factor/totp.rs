//! RFC 6238 time-based one-time passwords as authenticator apps make them: HMAC-SHA-1,
//! six digits, 30-second steps; a code of the step before or after is accepted too, for
//! clocks a little apart. Also the base32 secret and the `otpauth://` address apps read.

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Seconds per step.
pub const STEP_SECS: i64 = 30;
const DIGITS: u32 = 6;
/// Bytes of a new secret: 160 bits, as RFC 4226 recommends.
pub const SECRET_BYTES: usize = 20;

/// The step `unix_ms` falls in.
pub fn step_at(unix_ms: i64) -> i64 {
    unix_ms.div_euclid(1000).div_euclid(STEP_SECS)
}

/// The code of `secret` for `step` (RFC 4226's HOTP with the step as counter).
pub fn code(secret: &[u8], step: i64, digits: u32) -> String {
    #[allow(clippy::expect_used)]
    let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(&step.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash[hash.len() - 1] & 0x0f);
    let binary = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    format!(
        "{:0width$}",
        binary % 10u32.pow(digits),
        width = digits as usize
    )
}

/// The step whose code `typed` is, among the step of `unix_ms` and the ones either side;
/// `None` when it is none of them. Every candidate is compared in full, so the time taken
/// says nothing of how close a guess was.
pub fn matching_step(secret: &[u8], typed: &str, unix_ms: i64) -> Option<i64> {
    let now = step_at(unix_ms);
    let mut found = None;
    for step in [now - 1, now, now + 1] {
        let expected = code(secret, step, DIGITS);
        let same = expected.len() == typed.len()
            && expected
                .bytes()
                .zip(typed.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0;
        if same && found.is_none() {
            found = Some(step);
        }
    }
    found
}

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding, as authenticator apps take a typed secret.
pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// The bytes of a base32 secret (what [`base32`] wrote); `None` for anything else.
pub fn from_base32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Percent-encodes all but RFC 3986's unreserved characters.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The address apps read from the QR code: the issuer (the tenant's name, so the app lists
/// the account under the brand its owner knows) and the account's e-mail as the label.
/// The most characters of the issuer an enrolment address carries.
pub const ISSUER_MAX: usize = 40;

pub fn uri(issuer: &str, account: &str, secret_base32: &str) -> String {
    // A colon separates issuer and account in the label, so none may be inside the issuer.
    // Apps show a few dozen characters of it, and a long one (a tenant's name has no limit)
    // would make the address too long for a QR code.
    let issuer: String = issuer.replace(':', " ").chars().take(ISSUER_MAX).collect();
    format!(
        "otpauth://totp/{}:{}?secret={secret_base32}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECS}",
        escape(&issuer),
        escape(account),
        escape(&issuer),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238, appendix B: the SHA-1 column (its 8-digit codes; six are their last six).
    #[test]
    fn rfc_6238_test_vectors() {
        let secret = b"12345678901234567890";
        for (time, expected) in [
            (59i64, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            let step = step_at(time * 1000);
            assert_eq!(code(secret, step, 8), expected, "T = {time}");
            assert_eq!(code(secret, step, 6), expected[2..], "T = {time}");
        }
    }

    #[test]
    fn one_step_either_side_is_accepted_and_no_further() {
        let secret = b"12345678901234567890";
        let at = 1_111_111_111_000;
        let now = step_at(at);
        for step in [now - 1, now, now + 1] {
            assert_eq!(
                matching_step(secret, &code(secret, step, 6), at),
                Some(step)
            );
        }
        for step in [now - 2, now + 2] {
            assert_eq!(matching_step(secret, &code(secret, step, 6), at), None);
        }
        assert_eq!(matching_step(secret, "12345", at), None);
        assert_eq!(matching_step(secret, "", at), None);
    }

    #[test]
    fn base32_round_trips_and_matches_rfc_4648() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(
            base32(b"12345678901234567890"),
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        );
        for len in 0..25 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(from_base32(&base32(&bytes)).as_deref(), Some(&bytes[..]));
        }
        assert_eq!(from_base32("not base32!"), None);
    }

    #[test]
    fn the_address_names_issuer_and_account() {
        assert_eq!(
            uri("Acme: Hosting", "ada@acme.test", "GEZDGNBV"),
            "otpauth://totp/Acme%20%20Hosting:ada%40acme.test?secret=GEZDGNBV&issuer=Acme%20%20Hosting&algorithm=SHA1&digits=6&period=30"
        );
    }
}
