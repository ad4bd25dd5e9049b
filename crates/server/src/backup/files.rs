//! Files that appear whole or not at all: work is done under a temporary name beside the final
//! one (same directory, so the rename is atomic), flushed to disk, then renamed; the directory
//! is flushed too so the rename survives a power loss.

use std::{
    fs,
    io::{self, Write as _},
    path::{Path, PathBuf},
};

/// A temporary file beside its final name; removed when dropped unless put in place.
pub struct Partial {
    pub path: PathBuf,
    target: PathBuf,
    placed: bool,
}

impl Partial {
    /// `.<name>.partial-<pid>` beside `target`, with whatever an earlier run that died left
    /// there removed.
    pub fn beside(target: &Path) -> io::Result<Self> {
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
        let mut temp = std::ffi::OsString::from(".");
        temp.push(name);
        temp.push(format!(".partial-{}", std::process::id()));
        let path = target.with_file_name(temp);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        Ok(Self {
            path,
            target: target.to_owned(),
            placed: false,
        })
    }

    /// `beside(target)` with the temporary file made at once, empty and readable by its owner
    /// only (0600, whatever the umask): whatever is written into it (`VACUUM INTO` takes an
    /// existing empty file) is never readable by others before the checks pass; widen it
    /// afterwards with [`same_access_as`].
    pub fn private(target: &Path) -> io::Result<Self> {
        let partial = Self::beside(target)?;
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options.open(&partial.path)?;
        // The umask may only narrow the mode; make sure of 0600 all the same.
        #[cfg(unix)]
        fs::set_permissions(
            &partial.path,
            std::os::unix::fs::PermissionsExt::from_mode(0o600),
        )?;
        Ok(partial)
    }

    /// Copies the file at `from` into the (private) temporary file, keeping its permissions
    /// (`std::fs::copy` would give it `from`'s).
    pub fn fill_from(&self, from: &Path) -> io::Result<()> {
        let mut source = fs::File::open(from)?;
        let mut file = fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&self.path)?;
        io::copy(&mut source, &mut file)?;
        Ok(())
    }

    /// Flushes the file, renames it to its final name and flushes the directory.
    pub fn put_in_place(mut self) -> io::Result<()> {
        fs::File::open(&self.path)?.sync_all()?;
        fs::rename(&self.path, &self.target)?;
        self.placed = true;
        sync_dir(&self.target)
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.placed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Copies a key file to `to`, readable by its owner only (0600), whole or not at all.
pub fn copy_private(from: &Path, to: &Path) -> io::Result<()> {
    let text = fs::read(from)?;
    let partial = Partial::private(to)?;
    let mut file = fs::OpenOptions::new().write(true).open(&partial.path)?;
    file.write_all(&text)?;
    drop(file);
    partial.put_in_place()
}

/// Whether the key files `a` and `b` hold the same key (whitespace around it aside).
pub fn same_key(a: &Path, b: &Path) -> io::Result<bool> {
    Ok(fs::read_to_string(a)?.trim() == fs::read_to_string(b)?.trim())
}

/// Removes `path` if it is there.
pub fn remove_if_there(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Renames `from` to `to` if `from` is there; whether it was.
pub fn move_if_there(from: &Path, to: &Path) -> io::Result<bool> {
    match fs::rename(from, to) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// `<path>.<what>-<UTC time>` (`db.sqlite.before-restore-20261201T031500Z`), with `-2`, `-3`…
/// after it should that name, or its `-wal`, `-shm`, `-journal` or `.key`, be taken.
pub fn aside_name(path: &Path, what: &str) -> PathBuf {
    let t = time::OffsetDateTime::now_utc();
    let base = format!(
        ".{what}-{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    let taken = |p: &PathBuf| {
        ["", "-wal", "-shm", "-journal", ".key"]
            .iter()
            .any(|s| with_suffix(p, s).exists())
    };
    let mut name = with_suffix(path, &base);
    let mut n = 1;
    while taken(&name) {
        n += 1;
        name = with_suffix(path, &format!("{base}-{n}"));
    }
    name
}

/// `path` with `suffix` appended to its name (`db.sqlite` + `-wal`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// Flushes the directory holding `path`, so a rename into it is on disk.
fn sync_dir(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Gives `path` the permissions and owner of `like`: a backup is no more readable than its
/// database, and a database restored by root stays the server's.
pub fn same_access_as(path: &Path, like: &Path) -> io::Result<()> {
    same_owner_as(path, like)?;
    fs::set_permissions(path, fs::metadata(like)?.permissions())
}

/// Gives `path` the owner and group of `like` where this process may (only root may give a
/// file away; anyone else keeps it theirs).
pub fn same_owner_as(path: &Path, like: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let (mine, theirs) = (fs::metadata(path)?, fs::metadata(like)?);
        if (mine.uid(), mine.gid()) != (theirs.uid(), theirs.gid()) {
            match std::os::unix::fs::chown(path, Some(theirs.uid()), Some(theirs.gid())) {
                Err(e) if e.kind() != io::ErrorKind::PermissionDenied => return Err(e),
                _ => {}
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (path, like);
    Ok(())
}

/// Whether `a` and `b` name one file (`b` may not exist yet: its folder and name are compared).
pub fn same_file(a: &Path, b: &Path) -> bool {
    let canonical = |p: &Path| {
        p.canonicalize().ok().or_else(|| {
            let dir = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            Some(dir.canonicalize().ok()?.join(p.file_name()?))
        })
    };
    matches!((canonical(a), canonical(b)), (Some(a), Some(b)) if a == b)
}

/// Whether the file at `path` begins as every SQLite database does.
pub fn looks_like_sqlite(path: &Path) -> io::Result<bool> {
    use std::io::Read as _;
    let mut head = [0u8; 16];
    let mut file = fs::File::open(path)?;
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..])? {
            0 => break,
            n => read += n,
        }
    }
    Ok(read == head.len() && &head == b"SQLite format 3\0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_private_partial_is_made_empty_and_owner_only_before_anything_is_written() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("copy.sqlite");
        let partial = Partial::private(&target).expect("partial");
        let meta = fs::metadata(&partial.path).expect("made at once");
        assert_eq!(meta.len(), 0, "empty, as VACUUM INTO takes it");
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        // Filled from a world-readable file, it stays owner-only.
        let from = dir.path().join("from");
        fs::write(&from, b"data").expect("from");
        fs::set_permissions(&from, fs::Permissions::from_mode(0o644)).expect("chmod");
        partial.fill_from(&from).expect("fill");
        let meta = fs::metadata(&partial.path).expect("filled");
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert_eq!(fs::read(&partial.path).expect("read"), b"data");
        let path = partial.path.clone();
        drop(partial);
        assert!(!path.exists(), "removed when not put in place");
    }
}
