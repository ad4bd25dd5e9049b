//! The real server binary in demo mode with a fresh database, for a test step that needs a live
//! API. Dropping it stops the server and removes the database, whether the step passed or not.

use std::{
    fs,
    io::{BufRead, BufReader},
    path::PathBuf,
    process::{Child, Stdio},
    sync::mpsc,
    thread,
    time::Duration,
};

use crate::util::{Result, at_root, cmd};

/// A debug build migrates, seeds and binds in well under a second; a busy machine takes longer.
const START_TIMEOUT: Duration = Duration::from_secs(60);

pub struct TestServer {
    child: Child,
    dir: PathBuf,
    /// `http://127.0.0.1:<port>`
    pub url: String,
}

impl TestServer {
    /// Starts `target/debug/panelcare-server serve --demo` (build it first) and returns once
    /// it listens.
    pub fn start() -> Result<Self> {
        let dir = std::env::temp_dir().join(format!("panelcare-browser-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir)?;
        let bin = at_root("target/debug/panelcare-server");
        let child = cmd(&bin)
            .arg("--db")
            .arg(dir.join("demo.sqlite"))
            // Port 0: the system picks a free port and the server prints the one it got, so
            // runs side by side never race for a port.
            .args(["serve", "--demo", "--listen", "127.0.0.1:0"])
            .args(["--dist", "dist", "--www", "www"])
            // Refusals answered at once: tests that meet a rate limit need not wait a second.
            .args(["--refusal-hold-ms", "0"])
            // The console's component tests call its API from the test runner's own port.
            .arg("--console-test-cors")
            // Warnings and errors only; a line per request would bury the test output.
            .env("PANELCARE_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        // Owned from here on, so an early return below still stops it.
        let mut server = Self {
            child,
            dir,
            url: String::new(),
        };
        let stdout = server.child.stdout.take().ok_or("no stdout")?;
        let (tx, rx) = mpsc::channel();
        // Reads to the end, so the server never blocks on a full pipe.
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(|l| l.ok()) {
                if let Some((_, url)) = line.split_once("listening on ") {
                    let _ = tx.send(url.trim().to_owned());
                }
            }
        });
        server.url = match rx.recv_timeout(START_TIMEOUT) {
            Ok(url) => url,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                return Err(format!("the server did not listen within {START_TIMEOUT:?}").into());
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let status = server.child.wait()?;
                return Err(format!("the server stopped before it listened ({status})").into());
            }
        };
        println!("demo server for the browser tests: {}", server.url);
        Ok(server)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        // Its database is thrown away, so there is nothing to shut down gracefully for.
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_dir_all(&self.dir);
    }
}
