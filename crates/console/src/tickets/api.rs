//! The console's ticket calls.

use panelcare_model::{
    console::StatusChange,
    ticket::{
        Attachment,
        console::{
            AgentThread, Assign, Assignee, Merge, NewAgentMessage, PriorityChange, Queue, Workload,
        },
    },
};

use crate::api::{Api, ApiError, call, call_raw};

impl Api {
    pub async fn tickets(&self, query: &str) -> Result<Queue, ApiError> {
        call(
            "GET",
            &format!("/console/api/tickets{query}"),
            None,
            None::<&()>,
        )
        .await
    }

    pub async fn ticket(&self, id: &str) -> Result<AgentThread, ApiError> {
        call(
            "GET",
            &format!("/console/api/tickets/{id}"),
            None,
            None::<&()>,
        )
        .await
    }

    pub async fn write_ticket(
        &self,
        id: &str,
        body: &NewAgentMessage,
    ) -> Result<AgentThread, ApiError> {
        call(
            "POST",
            &format!("/console/api/tickets/{id}/messages"),
            Some(&self.csrf),
            Some(body),
        )
        .await
    }

    pub async fn ticket_status(&self, id: &str, status: &str) -> Result<AgentThread, ApiError> {
        let body = StatusChange {
            status: status.into(),
        };
        call(
            "POST",
            &format!("/console/api/tickets/{id}/status"),
            Some(&self.csrf),
            Some(&body),
        )
        .await
    }

    pub async fn assign(&self, id: &str, agent: Option<String>) -> Result<AgentThread, ApiError> {
        let body = Assign { agent_id: agent };
        call(
            "POST",
            &format!("/console/api/tickets/{id}/assign"),
            Some(&self.csrf),
            Some(&body),
        )
        .await
    }

    pub async fn ticket_priority(&self, id: &str, priority: &str) -> Result<AgentThread, ApiError> {
        let body = PriorityChange {
            priority: priority.into(),
        };
        call(
            "POST",
            &format!("/console/api/tickets/{id}/priority"),
            Some(&self.csrf),
            Some(&body),
        )
        .await
    }

    /// Whom tickets of each tenant in scope may be assigned to.
    pub async fn assignees(&self) -> Result<Vec<Assignee>, ApiError> {
        call("GET", "/console/api/tickets/assignees", None, None::<&()>).await
    }

    pub async fn workload(&self) -> Result<Vec<Workload>, ApiError> {
        call("GET", "/console/api/tickets/workload", None, None::<&()>).await
    }

    pub async fn ticket_numbers(
        &self,
    ) -> Result<panelcare_model::ticket::numbers::TicketNumbers, ApiError> {
        call("GET", "/console/api/ticket-numbers", None, None::<&()>).await
    }
}

impl Api {
    pub async fn merge(&self, id: &str, into: &str) -> Result<AgentThread, ApiError> {
        let body = Merge { into: into.into() };
        call(
            "POST",
            &format!("/console/api/tickets/{id}/merge"),
            Some(&self.csrf),
            Some(&body),
        )
        .await
    }

    /// Uploads a file for an answer on one of `tenant`'s tickets; the server decides what
    /// it is from its content.
    pub async fn upload(&self, tenant: &str, file: &web_sys::File) -> Result<Attachment, ApiError> {
        let path = format!(
            "/console/api/attachments?tenant={}&name={}",
            String::from(js_sys::encode_uri_component(tenant)),
            String::from(js_sys::encode_uri_component(&file.name()))
        );
        let kind = file.type_();
        let kind = if kind.is_empty() {
            "application/octet-stream"
        } else {
            kind.as_str()
        };
        call_raw("POST", &path, &self.csrf, file.as_ref(), kind).await
    }
}
