//! The ticket, knowledge-base and notice calls of [`Api`].

use panelcare_model::{
    kb::{Article, ArticleHit},
    notice::Notice,
    ticket::{Attachment, Message, TicketList, TicketOptions, TicketSummary},
};
use wasm_bindgen::JsValue;

use super::wire;
use crate::{
    api::{Api, ApiError},
    wire::Out,
};

/// A ticket and its thread.
pub type Thread = (TicketSummary, Vec<Message>);

fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s).into()
}

impl Api {
    /// What a new ticket may say; `lang` is the language the upsell's price is written in.
    pub async fn ticket_options(
        &self,
        lang: panelcare_model::Lang,
    ) -> Result<TicketOptions, ApiError> {
        let path = format!("/api/v1/ticket-options?lang={}", lang.tag());
        Ok(wire::options(&self.call("GET", &path, None, None).await?))
    }

    /// A page of the customer's tickets, newest first; `before` is the previous page's `next`.
    pub async fn list_tickets(&self, before: Option<&str>) -> Result<TicketList, ApiError> {
        let path = match before {
            Some(c) => format!("/api/v1/tickets?before={}", encode(c)),
            None => "/api/v1/tickets".to_owned(),
        };
        let o = self.call("GET", &path, None, None).await?;
        Ok(TicketList {
            items: o.list("items").iter().filter_map(wire::summary).collect(),
            total: o.num("total").map_or(0, |n| n as i64),
            next: o.str("next"),
        })
    }

    pub async fn ticket(&self, id: &str) -> Result<Thread, ApiError> {
        let o = self
            .call(
                "GET",
                &format!("/api/v1/tickets/{}", encode(id)),
                None,
                None,
            )
            .await?;
        wire::thread(&o).ok_or(ApiError::Decode)
    }

    /// Opens a ticket; retrying with the same `key` never opens it twice.
    pub async fn open_ticket(&self, key: &str, body: Out) -> Result<Thread, ApiError> {
        let o = self
            .call("POST", "/api/v1/tickets", Some(key), Some(body.to_json()))
            .await?;
        wire::thread(&o).ok_or(ApiError::Decode)
    }

    pub async fn reply(&self, id: &str, key: &str, body: Out) -> Result<Message, ApiError> {
        let path = format!("/api/v1/tickets/{}/replies", encode(id));
        let o = self
            .call("POST", &path, Some(key), Some(body.to_json()))
            .await?;
        wire::message(&o).ok_or(ApiError::Decode)
    }

    /// `close`, `reopen` or `rating` (with a body).
    pub async fn ticket_action(
        &self,
        id: &str,
        action: &str,
        body: Out,
    ) -> Result<Thread, ApiError> {
        let path = format!("/api/v1/tickets/{}/{action}", encode(id));
        let o = self.call("POST", &path, None, Some(body.to_json())).await?;
        wire::thread(&o).ok_or(ApiError::Decode)
    }

    /// Uploads one file (a `File` from an `<input type=file>`).
    pub async fn upload(&self, file: &web_sys::File) -> Result<Attachment, ApiError> {
        let path = format!("/api/v1/attachments?name={}", encode(&file.name()));
        let body: JsValue = file.clone().into();
        let o = self
            .send(
                "POST",
                &path,
                None,
                Some((body, "application/octet-stream")),
            )
            .await?;
        wire::attachment(&o).ok_or(ApiError::Decode)
    }

    pub async fn kb_search(&self, typed: &str) -> Result<Vec<ArticleHit>, ApiError> {
        let path = format!("/api/v1/kb/search?q={}", encode(typed));
        Ok(wire::hits(&self.call("GET", &path, None, None).await?))
    }

    pub async fn kb_article(&self, id: &str) -> Result<Article, ApiError> {
        let o = self
            .call("GET", &format!("/api/v1/kb/{}", encode(id)), None, None)
            .await?;
        wire::article(&o).ok_or(ApiError::Decode)
    }

    pub async fn kb_solved(&self, id: &str) -> Result<(), ApiError> {
        let path = format!("/api/v1/kb/{}/solved", encode(id));
        self.call("POST", &path, None, None).await.map(|_| ())
    }

    pub async fn notices(&self) -> Result<Vec<Notice>, ApiError> {
        Ok(wire::notices(
            &self.call("GET", "/api/v1/notices", None, None).await?,
        ))
    }

    /// A file address as the browser must ask for it: signed paths live on the server.
    pub fn file_url(&self, url: &str) -> String {
        if url.starts_with('/') {
            format!("{}{url}", self.base.trim_end_matches('/'))
        } else {
            url.to_owned()
        }
    }
}
