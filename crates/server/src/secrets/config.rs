//! Where the key that seals secrets comes from: `--secret-key-file` or `PANELCARE_SECRET_KEY`
//! (32 bytes, base64), older keys still accepted while rotating, and for a SQLite database
//! with none given a key file made next to it on first start, so a single server needs no
//! set-up. PostgreSQL serves several instances, which must all hold the same key: there the
//! server refuses to start without one rather than make a key only it knows.

use std::path::{Path, PathBuf};

use base64::{Engine as _, engine::general_purpose::STANDARD};

use super::{KeyRing, SecretsError};

/// The key settings as given on the command line or in the environment.
#[derive(Debug, Clone, Default)]
pub struct KeySources {
    /// The current key, base64.
    pub key: Option<String>,
    /// A file holding the current key, base64.
    pub key_file: Option<PathBuf>,
    /// Files holding older keys, still accepted to open what they sealed.
    pub old_key_files: Vec<PathBuf>,
}

/// The key ring for the database at `db_url`.
pub fn ring(sources: &KeySources, db_url: &str) -> Result<KeyRing, SecretsError> {
    // A file given on the command line wins over a key in the environment.
    let current = match (&sources.key_file, &sources.key) {
        (Some(file), _) => read_file(file)?,
        (None, Some(key)) => decode(key, "PANELCARE_SECRET_KEY")?,
        (None, None) => default_key(db_url)?,
    };
    let older = sources
        .old_key_files
        .iter()
        .map(|f| read_file(f))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(KeyRing::new(&current, &older))
}

fn decode(text: &str, whence: &str) -> Result<[u8; 32], SecretsError> {
    STANDARD
        .decode(text.trim())
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(|| {
            SecretsError::Config(format!(
                "{whence}: a secret key is 32 bytes in base64 (`head -c32 /dev/urandom | base64`)"
            ))
        })
}

fn read_file(path: &Path) -> Result<[u8; 32], SecretsError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        SecretsError::Config(format!(
            "cannot read the secret key file {}: {e}",
            path.display()
        ))
    })?;
    decode(&text, &path.display().to_string())
}

/// Where a SQLite database keeps its key when none is configured: `<file>.key` beside it;
/// `None` for PostgreSQL and an in-memory database.
pub fn default_key_file(db_url: &str) -> Option<PathBuf> {
    let file = crate::db::sqlite_file(db_url)?;
    let mut name = file.into_os_string();
    name.push(".key");
    Some(name.into())
}

/// No key given: PostgreSQL refuses, an in-memory SQLite database gets a key for this run,
/// a SQLite file gets `<file>.key` (made, mode 0600, when missing).
fn default_key(db_url: &str) -> Result<[u8; 32], SecretsError> {
    if db_url.starts_with("postgres://") || db_url.starts_with("postgresql://") {
        return Err(SecretsError::Config(
            "PostgreSQL needs a secret key that every instance shares: give --secret-key-file \
             PATH or PANELCARE_SECRET_KEY (32 bytes in base64: `head -c32 /dev/urandom | base64`)"
                .into(),
        ));
    }
    let Some(key_path) = default_key_file(db_url) else {
        return Ok(KeyRing::generate_key());
    };
    if key_path.exists() {
        return read_file(&key_path);
    }
    let key = KeyRing::generate_key();
    write_private(&key_path, &STANDARD.encode(key)).map_err(|e| {
        SecretsError::Config(format!(
            "cannot write the secret key file {}: {e}",
            key_path.display()
        ))
    })?;
    // On stderr whatever the command: `tenant create` is often the first thing run.
    eprintln!(
        "panelcare-server: made the secret key {} for this database; back it up apart from \
         the database (without it the stored signing secrets cannot be read)",
        key_path.display()
    );
    Ok(key)
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.write_all(b"\n")?;
    file.sync_all()
}
