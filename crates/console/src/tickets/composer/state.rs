//! The composer's state as a reducer: what kind of message is written, the text, the files
//! uploaded for it, the status an answer leaves the ticket in, the tenant's canned replies,
//! and what to say at the fields.

use std::rc::Rc;

use panelcare_model::ticket::{
    Attachment,
    console::{AgentWrite, CannedReply, NewAgentMessage},
};
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct ComposerState {
    pub kind: AgentWrite,
    /// The status an answer leaves the ticket in.
    pub after: String,
    pub text: String,
    pub files: Vec<Attachment>,
    pub canned: Rc<Vec<CannedReply>>,
    /// Sent with nothing written: said at the text field.
    pub empty: bool,
    /// An upload that failed, with the file's name.
    pub failed: Option<String>,
}

impl Default for ComposerState {
    fn default() -> Self {
        Self {
            kind: AgentWrite::Reply,
            after: "awaiting_customer".into(),
            text: String::new(),
            files: Vec::new(),
            canned: Rc::default(),
            empty: false,
            failed: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Kind(AgentWrite),
    After(String),
    Text(String),
    /// The tenant's canned replies arrived.
    Canned(Vec<CannedReply>),
    /// Send was pressed with nothing written.
    Empty,
    Sending,
    /// The message went out: start again with nothing.
    Sent,
    Attached(Attachment),
    Unattach(String),
    UploadFailed(String),
}

impl ComposerState {
    /// The message as the server takes it. Files go to the customer with an answer or an
    /// update, never on a note.
    pub fn message(&self) -> NewAgentMessage {
        NewAgentMessage {
            kind: self.kind,
            message: self.text.clone(),
            status: (self.kind == AgentWrite::Reply).then(|| self.after.clone()),
            attachments: match self.kind {
                AgentWrite::Note => Vec::new(),
                _ => self.files.iter().map(|f| f.id.clone()).collect(),
            },
        }
    }

    /// What to tell the agent once it went out.
    pub fn done(&self) -> &'static str {
        match self.kind {
            AgentWrite::Reply => "Answer sent; the customer sees it in the panel.",
            AgentWrite::Progress => "Progress update sent.",
            AgentWrite::Note => "Internal note added.",
        }
    }
}

impl Reducible for ComposerState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Kind(k) => next.kind = k,
            Action::After(a) => next.after = a,
            Action::Text(t) => {
                next.text = t;
                next.empty = false;
            }
            Action::Canned(c) => next.canned = Rc::new(c),
            Action::Empty => next.empty = true,
            Action::Sending => next.failed = None,
            Action::Sent => {
                next.text.clear();
                next.files.clear();
            }
            Action::Attached(a) => next.files.push(a),
            Action::Unattach(id) => next.files.retain(|f| f.id != id),
            Action::UploadFailed(m) => next.failed = Some(m),
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(id: &str) -> Attachment {
        Attachment {
            id: id.into(),
            name: format!("{id}.png"),
            content_type: "image/png".into(),
            size: 1024,
            url: format!("https://files.example/{id}"),
            thumbnail_url: None,
        }
    }

    fn after(actions: Vec<Action>) -> Rc<ComposerState> {
        actions
            .into_iter()
            .fold(Rc::new(ComposerState::default()), |s, a| s.reduce(a))
    }

    #[test]
    fn a_note_carries_no_files_and_no_status() {
        let s = after(vec![
            Action::Attached(file("a")),
            Action::Text("Checked the logs.".into()),
            Action::Kind(AgentWrite::Note),
        ]);
        let m = s.message();
        assert_eq!((m.status, m.attachments.len()), (None, 0));
        let s = s.reduce(Action::Kind(AgentWrite::Reply));
        let m = s.message();
        assert_eq!(m.status.as_deref(), Some("awaiting_customer"));
        assert_eq!(m.attachments, vec!["a".to_owned()]);
    }

    #[test]
    fn typing_clears_the_empty_message_and_sending_clears_text_and_files() {
        let s = after(vec![Action::Empty]);
        assert!(s.empty);
        let s = s.reduce(Action::Text("Hi".into()));
        assert!(!s.empty);
        let s = after(vec![
            Action::Attached(file("a")),
            Action::Attached(file("b")),
            Action::Unattach("a".into()),
        ]);
        assert_eq!(s.files.len(), 1);
        let s = s.reduce(Action::Sent);
        assert!(s.files.is_empty() && s.text.is_empty());
    }
}
