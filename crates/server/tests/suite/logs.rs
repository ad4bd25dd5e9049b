//! The server binary logs: its own lines reach stderr, in JSON when asked, from the binary the
//! workspace builds (the wasm crates once compiled every `tracing` level out of it).

use std::{
    io::{BufRead as _, BufReader},
    process::{Command, Stdio},
    sync::mpsc,
    time::Duration,
};

use crate::common::*;

#[tokio::test]
async fn an_instance_logs_its_start_to_stderr_as_json() {
    let app = TestApp::new().await;
    let mut child = Command::new(process::THIS_BUILD)
        .args(["--db", &app.db_url, "serve", "--listen", "127.0.0.1:0"])
        .args(["--log-format", "json"])
        .env("PANELCARE_LOG", "info")
        .env("PANELCARE_SECRET_KEY", TEST_SECRET_KEY)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server binary starts");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let logged = loop {
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(line) => {
                let parsed: Option<serde_json::Value> = serde_json::from_str(&line).ok();
                if let Some(v) =
                    parsed.filter(|v| v["fields"]["message"] == "panelcare-server listening")
                {
                    break Some(v);
                }
                seen.push(line);
            }
            Err(_) => break None,
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    let logged = logged.unwrap_or_else(|| panic!("no start line on stderr; it said {seen:?}"));
    assert_eq!(logged["level"], "INFO");
    assert!(
        logged["fields"]["addr"]
            .as_str()
            .is_some_and(|a| a.starts_with("127.0.0.1:")),
        "{logged}"
    );
}
