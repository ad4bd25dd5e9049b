//! Short-lived signed addresses for files, so an `<img>` or a download link works without
//! the customer's token while only the people shown the thread get the address.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use super::store;
use crate::state::AppState;

/// How long an address works: an hour of reading a thread.
pub const LIFETIME_MS: i64 = 60 * 60 * 1000;

/// The server-wide key, kept in the database so every server process (and a restart) accepts
/// what another signed: the first process to start writes it, everyone reads the stored one.
async fn key(state: &AppState) -> Result<&[u8], sqlx::Error> {
    state
        .file_url_key
        .get_or_try_init(|| async {
            let mut fresh = [0u8; 32];
            rand::thread_rng().fill_bytes(&mut fresh);
            let stored = store::file_url_key(&state.db, &hex::encode(fresh)).await?;
            hex::decode(stored).map_err(|e| sqlx::Error::Decode(e.into()))
        })
        .await
        .map(Vec::as_slice)
}

fn mac(key: &[u8], id: &str, thumbnail: bool, exp: i64) -> Hmac<Sha256> {
    #[allow(clippy::expect_used)]
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(format!("{id}\n{thumbnail}\n{exp}").as_bytes());
    mac
}

/// The path (under `/api/v1`) of file `id` or its thumbnail, valid until `now + LIFETIME`.
/// The expiry is rounded to the hour's end so a thread reloaded within the hour gets the
/// same addresses and the browser's cache keeps working.
pub async fn path(
    state: &AppState,
    id: &str,
    thumbnail: bool,
    now_ms: i64,
) -> Result<String, sqlx::Error> {
    let key = key(state).await?;
    let exp = (now_ms / LIFETIME_MS + 2) * LIFETIME_MS;
    let sig = hex::encode(mac(key, id, thumbnail, exp).finalize().into_bytes());
    let what = if thumbnail { "/thumbnail" } else { "" };
    Ok(format!("/api/v1/files/{id}{what}?exp={exp}&sig={sig}"))
}

/// Whether `sig` signs this address and it has not expired.
pub async fn check(
    state: &AppState,
    id: &str,
    thumbnail: bool,
    exp: i64,
    sig: &str,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    if exp < now_ms {
        return Ok(false);
    }
    let Ok(sig) = hex::decode(sig) else {
        return Ok(false);
    };
    let key = key(state).await?;
    Ok(mac(key, id, thumbnail, exp).verify_slice(&sig).is_ok())
}
