//! Secrets at rest: tenant signing secrets, webhook secrets, console accounts' second-factor
//! (TOTP) secrets and the key that signs file addresses are stored sealed
//! (ChaCha20-Poly1305) under a key from the server's configuration, never the database, so a
//! backup or a `pg_dump` alone cannot sign anyone's identity. A sealed value describes itself,
//! `enc:v1:<key id>:<base64 nonce+ciphertext>`; a value without that prefix was written before
//! sealing and is read as it is until it is sealed (at start-up on SQLite, by
//! `panelcare-server rotate-secrets` on PostgreSQL, once every instance runs this build).
//! Decrypted values live only in memory (the signing-key cache).

pub mod config;
pub mod store;

use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
use chacha20poly1305::{
    ChaCha20Poly1305, KeyInit, Nonce,
    aead::{Aead, Payload},
};
use rand::RngCore as _;
use sha2::{Digest, Sha256};

const PREFIX: &str = "enc:v1:";

/// Why a secret could not be read, or a key not set up.
#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    #[error(
        "a secret in the database is sealed with key {0}, which this server is not configured \
         with: give that key (--secret-key-file, or --old-secret-key-file while rotating)"
    )]
    UnknownKey(String),
    #[error("a sealed secret is damaged or does not belong where it is stored")]
    Damaged,
    #[error("{0}")]
    Config(String),
}

/// One configured key.
#[derive(Clone)]
struct Key {
    id: String,
    cipher: ChaCha20Poly1305,
    /// A key of its own for [`KeyRing::tag`], derived so no tag says anything of the cipher's.
    tag_key: [u8; 32],
}

impl Key {
    fn new(bytes: &[u8; 32]) -> Self {
        // A short public fingerprint, so a stored value names the key that opens it.
        let digest = Sha256::new()
            .chain_update(b"panelcare secret key id\0")
            .chain_update(bytes)
            .finalize();
        let tag_key = Sha256::new()
            .chain_update(b"panelcare tag key\0")
            .chain_update(bytes)
            .finalize()
            .into();
        Self {
            id: hex::encode(&digest[..4]),
            cipher: ChaCha20Poly1305::new(bytes.into()),
            tag_key,
        }
    }
}

/// The current key (seals) and any older ones (still open what they sealed).
#[derive(Clone)]
pub struct KeyRing {
    current: Key,
    older: Vec<Key>,
}

impl std::fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Key ids only: the keys themselves never reach a log.
        let older: Vec<&str> = self.older.iter().map(|k| k.id.as_str()).collect();
        write!(
            f,
            "KeyRing {{ current: {}, older: {older:?} }}",
            self.current.id
        )
    }
}

/// A secret as read: `stale` when it is not sealed under the current key (plain, or older).
#[derive(Debug)]
pub struct Opened {
    pub plain: String,
    pub stale: bool,
}

impl KeyRing {
    pub fn new(current: &[u8; 32], older: &[[u8; 32]]) -> Self {
        Self {
            current: Key::new(current),
            older: older.iter().map(Key::new).collect(),
        }
    }

    /// A fresh random key.
    pub fn generate_key() -> [u8; 32] {
        let mut key = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut key);
        key
    }

    /// An HMAC-SHA256 of `data` for `purpose` under the current key, hex: a token the server
    /// recognises later without storing it (a known device's cookie). Nobody without the
    /// configured key, a database dump included, can make one.
    pub fn tag(&self, purpose: &str, data: &str) -> String {
        use hmac::{Hmac, Mac};
        #[allow(clippy::expect_used)]
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.current.tag_key)
            .expect("HMAC takes any key length");
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(data.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// The id stored values sealed now carry.
    pub fn current_id(&self) -> &str {
        &self.current.id
    }

    /// Seals `plain` for the place `context` names (a row's table and key): a sealed value
    /// copied to another row does not open there.
    pub fn seal(&self, plain: &str, context: &str) -> String {
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        #[allow(clippy::expect_used)]
        let sealed = self
            .current
            .cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: context.as_bytes(),
                },
            )
            .expect("sealing a short secret cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        format!(
            "{PREFIX}{}:{}",
            self.current.id,
            URL_SAFE_NO_PAD.encode(out)
        )
    }

    /// The secret `stored` for `context` holds.
    pub fn open(&self, stored: &str, context: &str) -> Result<Opened, SecretsError> {
        let Some(rest) = stored.strip_prefix(PREFIX) else {
            return Ok(Opened {
                plain: stored.to_owned(),
                stale: !stored.is_empty(),
            });
        };
        let (id, data) = rest.split_once(':').ok_or(SecretsError::Damaged)?;
        let key = std::iter::once(&self.current)
            .chain(&self.older)
            .find(|k| k.id == id)
            .ok_or_else(|| SecretsError::UnknownKey(id.to_owned()))?;
        let data = URL_SAFE_NO_PAD
            .decode(data)
            .map_err(|_| SecretsError::Damaged)?;
        if data.len() < 12 {
            return Err(SecretsError::Damaged);
        }
        let (nonce, sealed) = data.split_at(12);
        let plain = key
            .cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| SecretsError::Damaged)?;
        Ok(Opened {
            plain: String::from_utf8(plain).map_err(|_| SecretsError::Damaged)?,
            stale: id != self.current.id,
        })
    }

    /// `plain` sealed, unless it already is (then as it is).
    pub fn seal_if_plain(&self, value: &str, context: &str) -> String {
        if value.is_empty() || value.starts_with(PREFIX) {
            value.to_owned()
        } else {
            self.seal(value, context)
        }
    }
}

/// A secret that could not be opened, as the storage error the stores return: the request
/// fails (the log says why), nothing panics.
pub fn decode_error(err: SecretsError) -> sqlx::Error {
    tracing::error!(error = %err, "a stored secret cannot be opened");
    sqlx::Error::Decode(Box::new(err))
}

/// The context of tenant `tenant`'s signing key `kid`.
pub fn signing_key_context(tenant: &str, kid: &str) -> String {
    format!("tenant_keys/{tenant}/{kid}")
}

/// The context of the server-wide secret `name` (`file_urls`, the key that signs file
/// addresses).
pub fn server_secret_context(name: &str) -> String {
    format!("server_secrets/{name}")
}

/// The context of tenant `tenant`'s webhook secret.
pub fn webhook_context(tenant: &str) -> String {
    format!("notify_settings/{tenant}")
}

/// The context of console account `agent`'s second-factor (TOTP) secret.
pub fn second_factor_context(agent: &str) -> String {
    format!("second_factors/{agent}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_their_key_and_place() {
        let (a, b) = (KeyRing::generate_key(), KeyRing::generate_key());
        let ring = KeyRing::new(&a, &[]);
        let sealed = ring.seal("s3cret", "tenant_keys/acme/k1");
        assert!(sealed.starts_with(&format!("enc:v1:{}:", ring.current_id())));
        assert!(!sealed.contains("s3cret"));
        let opened = ring.open(&sealed, "tenant_keys/acme/k1").expect("opens");
        assert_eq!((opened.plain.as_str(), opened.stale), ("s3cret", false));
        assert!(matches!(
            ring.open(&sealed, "tenant_keys/evil/k1"),
            Err(SecretsError::Damaged)
        ));
        let other = KeyRing::new(&b, &[]);
        assert!(matches!(
            other.open(&sealed, "tenant_keys/acme/k1"),
            Err(SecretsError::UnknownKey(_))
        ));
        // Rotated: the new key seals, the old one still opens (and says it is stale).
        let rotated = KeyRing::new(&b, &[a]);
        let opened = rotated.open(&sealed, "tenant_keys/acme/k1").expect("opens");
        assert!(opened.stale);
        assert_eq!(ring.open("plain", "x").expect("plain").plain, "plain");
        assert!(ring.open("plain", "x").expect("plain").stale);
        assert_eq!(ring.seal_if_plain(&sealed, "x"), sealed);
    }
}
