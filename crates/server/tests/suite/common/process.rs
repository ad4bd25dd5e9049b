//! The real server binary as a process of its own on a test's database: an instance behind a
//! load balancer, reached over HTTP on a loopback port.

use std::{
    io::{BufRead as _, BufReader},
    process::{Child, Command, Stdio},
    time::Duration,
};

use serde_json::Value;

/// This build's server binary.
pub const THIS_BUILD: &str = env!("CARGO_BIN_EXE_panelcare-server");

/// Runs `bin --db <db_url> <args>` (a command such as `migrate` or `tenant create`) to its
/// end; what it printed, or a panic with what it said on failure.
pub fn run_command(bin: &str, db_url: &str, args: &[&str]) -> String {
    let out = Command::new(bin)
        .args(["--db", db_url])
        .env("PANELCARE_SECRET_KEY", super::TEST_SECRET_KEY)
        .args(args)
        .output()
        .expect("the server binary runs");
    assert!(
        out.status.success(),
        "{bin} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A running `panelcare-server serve`; killed when dropped.
pub struct Instance {
    pub url: String,
    /// What it printed before it said it listens (where its metrics are, say).
    pub printed: Vec<String>,
    child: Child,
    http: reqwest::Client,
}

impl Instance {
    /// `panelcare-server --db <db_url> serve` on a free port, once it says it listens.
    pub fn start(db_url: &str) -> Self {
        Self::start_with(db_url, &[], &[])
    }

    /// [`Instance::start`] with more `serve` arguments and environment.
    pub fn start_with(db_url: &str, args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::start_binary(THIS_BUILD, db_url, args, env)
    }

    /// [`Instance::start_with`] for another build's binary (the previous one, in the upgrade
    /// rehearsal).
    pub fn start_binary(bin: &str, db_url: &str, args: &[&str], env: &[(&str, &str)]) -> Self {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let dist = root.join("dist");
        let www = root.join("www");
        let mut serve = vec!["--dist", dist.to_str().expect("utf-8"), "--www"];
        serve.push(www.to_str().expect("utf-8"));
        serve.extend_from_slice(args);
        Self::start_installed(bin, db_url, &serve, env)
    }

    /// `bin --db <db_url> serve --listen 127.0.0.1:0 <args>`: no files of this checkout
    /// (an unpacked release names its own --dist).
    pub fn start_installed(bin: &str, db_url: &str, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut child = Command::new(bin)
            .args(["--db", db_url, "serve", "--listen", "127.0.0.1:0"])
            .args(args)
            // Tests' receivers listen on this machine, allowed as an operator allows its own.
            .env("PANELCARE_OUTBOUND_ALLOW", "127.0.0.1,localhost")
            .env("PANELCARE_SECRET_KEY", super::TEST_SECRET_KEY)
            .envs(env.iter().copied())
            .env("PANELCARE_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server binary starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let mut url = None;
        let mut printed = Vec::new();
        for line in lines.by_ref() {
            let line = line.expect("a line");
            if let Some(rest) = line.strip_prefix("panelcare-server listening on ") {
                url = Some(rest.trim().to_owned());
                break;
            }
            printed.push(line);
        }
        let url = url.expect("the server listens");
        // Whatever it prints later is read and dropped, so its stdout never closes on it.
        std::thread::spawn(move || lines.for_each(drop));
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .build()
            .expect("client");
        Self {
            url,
            printed,
            child,
            http,
        }
    }

    /// Sends a request; the status and the JSON answer (`null` when there is none).
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&Value>,
    ) -> (u16, Value, reqwest::header::HeaderMap) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self.http.request(method, format!("{}{path}", self.url));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        let res = req.send().await.expect("the instance answers");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let text = res.text().await.expect("body");
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        (status, json, headers)
    }

    /// `GET path`: the status, the body as text and the headers.
    pub async fn get(&self, path: &str) -> (u16, String, reqwest::header::HeaderMap) {
        let res = self
            .http
            .get(format!("{}{path}", self.url))
            .send()
            .await
            .expect("the instance answers");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        (status, res.text().await.expect("body"), headers)
    }

    /// Like [`Instance::call`], but `None` when the instance does not answer (it is gone).
    pub async fn try_call(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&Value>,
    ) -> Option<(u16, Value)> {
        let method = reqwest::Method::from_bytes(method.as_bytes()).ok()?;
        let mut req = self.http.request(method, format!("{}{path}", self.url));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        let res = req.send().await.ok()?;
        let status = res.status().as_u16();
        let text = res.text().await.ok()?;
        Some((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
    }

    /// Signs a console account in; the `Cookie` and `X-CSRF-Token` values for its requests.
    pub async fn sign_in(&self, email: &str, password: &str) -> (String, String) {
        let body = serde_json::json!({"email": email, "password": password});
        let (s, b, headers) = self
            .call("POST", "/console/api/login", &[], Some(&body))
            .await;
        assert_eq!(s, 200, "{b}");
        let cookie = headers["set-cookie"].to_str().expect("ascii");
        let pair = cookie.split(';').next().expect("pair").to_owned();
        (pair, b["csrf_token"].as_str().expect("csrf").to_owned())
    }

    /// Kills the process at once with SIGKILL, as a crash would (no graceful shutdown).
    pub fn kill(&self) {
        let _ = Command::new("kill")
            .args(["-9", &self.child.id().to_string()])
            .status();
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
