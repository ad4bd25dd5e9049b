//! One keep-alive HTTP/1.1 connection to the server, timing each request.

use std::{
    net::SocketAddr,
    time::{Duration, Instant},
};

use http_body_util::{BodyExt as _, Full};
use hyper::{Request, body::Bytes, client::conn::http1::SendRequest};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

pub struct Conn {
    addr: SocketAddr,
    token: String,
    sender: SendRequest<Full<Bytes>>,
    /// Sent as `Accept-Encoding` when set (a browser's reads are compressed).
    pub accept_encoding: Option<&'static str>,
}

/// What one request answered, and how long the whole exchange took.
pub struct Answer {
    pub status: u16,
    pub body: Bytes,
    pub took: Duration,
}

impl Conn {
    pub async fn open(addr: SocketAddr, token: &str) -> Result<Self, BoxError> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        let (sender, connection) =
            hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
        tokio::spawn(connection);
        Ok(Self {
            addr,
            token: token.to_owned(),
            sender,
            accept_encoding: None,
        })
    }

    pub async fn get(&mut self, path: &str) -> Result<Answer, BoxError> {
        self.send("GET", path, None, None).await
    }

    /// POSTs `body` as JSON with `key` as its idempotency key.
    pub async fn post(
        &mut self,
        path: &str,
        key: &str,
        body: &serde_json::Value,
    ) -> Result<Answer, BoxError> {
        self.send("POST", path, Some(key), Some(body.to_string()))
            .await
    }

    /// POSTs `body` as JSON with no idempotency key (the console's sign-in).
    pub async fn post_plain(
        &mut self,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<Answer, BoxError> {
        self.send("POST", path, None, Some(body.to_string())).await
    }

    async fn send(
        &mut self,
        method: &str,
        path: &str,
        key: Option<&str>,
        body: Option<String>,
    ) -> Result<Answer, BoxError> {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header("host", self.addr.to_string());
        // An empty token is an anonymous client (one signing in to the console).
        if !self.token.is_empty() {
            req = req.header("authorization", format!("Bearer {}", self.token));
        }
        if let Some(enc) = self.accept_encoding {
            req = req.header("accept-encoding", enc);
        }
        if body.is_some() {
            req = req.header("content-type", "application/json");
        }
        if let Some(key) = key {
            req = req.header("idempotency-key", key);
        }
        let req = req.body(Full::new(Bytes::from(body.unwrap_or_default())))?;
        self.sender.ready().await?;
        let start = Instant::now();
        let res = self.sender.send_request(req).await?;
        let status = res.status().as_u16();
        let body = res.into_body().collect().await?.to_bytes();
        Ok(Answer {
            status,
            body,
            took: start.elapsed(),
        })
    }
}

impl Answer {
    /// The answer, or an error naming what was asked and what came back.
    pub fn expect(self, want: u16, what: &str) -> Result<Self, BoxError> {
        if self.status == want {
            return Ok(self);
        }
        Err(format!(
            "{what} answered {}: {}",
            self.status,
            String::from_utf8_lossy(&self.body)
        )
        .into())
    }
}
