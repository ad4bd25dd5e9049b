//! Everything the feedback panel shows, and how it changes. No I/O here: the panel does the
//! I/O and dispatches what happened.

use std::rc::Rc;

use panelcare_model::{ApiError, ErrorCode, Feedback, FieldError, NewFeedback};
use yew::Reducible;

use crate::storage::Pending;

/// Loading the customer's earlier suggestions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Load {
    Loading,
    Loaded,
    Failed,
}

/// The one-line message above the form.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Sent,
    Queued,
    Refused(ErrorCode),
}

#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackState {
    pub draft: NewFeedback,
    pub errors: Rc<Vec<FieldError>>,
    pub items: Rc<Vec<Feedback>>,
    pub load: Load,
    /// Submissions the server has not accepted yet, oldest first.
    pub pending: Rc<Vec<Pending>>,
    /// The key of the submission on the wire right now.
    pub sending: Option<String>,
    pub notice: Option<Notice>,
    /// Bumped when a retry is due; the panel flushes the outbox when it changes.
    pub retry_tick: u32,
    /// The customer asked to see all their messages, not only the newest few.
    pub show_all: bool,
}

impl FeedbackState {
    /// The state a panel starts in, with what the browser kept from before a reload.
    pub fn restored(draft: Option<NewFeedback>, pending: Vec<Pending>) -> Self {
        Self {
            draft: draft.unwrap_or_default(),
            errors: Rc::default(),
            items: Rc::default(),
            load: Load::Loading,
            pending: Rc::new(pending),
            sending: None,
            notice: None,
            retry_tick: 0,
            show_all: false,
        }
    }

    pub fn error_for(&self, field: &str) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.field == field)
    }
}

/// One change the customer made to the form. Applied to the current draft, so quick
/// successive changes never work from a stale copy.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Category(String),
    Message(String),
    Rating(Option<i64>),
}

impl Edit {
    fn field(&self) -> &'static str {
        match self {
            Self::Category(_) => "category",
            Self::Message(_) => "message",
            Self::Rating(_) => "rating",
        }
    }
}

#[derive(Debug)]
pub enum Action {
    /// The customer changed the form.
    Edit(Edit),
    /// The form did not pass the shared validation rules.
    Invalid(Vec<FieldError>),
    /// The draft became a pending submission.
    Queued(Pending),
    Sending(String),
    Sent {
        key: String,
        feedback: Feedback,
    },
    /// Not delivered; it stays in the outbox with its attempt counted.
    StillPending(Pending),
    /// The server refused it for good: it goes back into the form with the reasons.
    Refused {
        key: String,
        body: NewFeedback,
        error: ApiError,
    },
    Loading,
    Loaded(Vec<Feedback>),
    LoadFailed,
    RetryDue,
    ShowAll,
}

impl Reducible for FeedbackState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Edit(edit) => {
                // A field the customer touched loses its old complaint; the others keep theirs.
                let field = edit.field();
                s.errors = Rc::new(
                    s.errors
                        .iter()
                        .filter(|e| e.field != field)
                        .cloned()
                        .collect(),
                );
                match edit {
                    Edit::Category(c) => s.draft.category = c,
                    Edit::Message(m) => s.draft.message = m,
                    Edit::Rating(r) => s.draft.rating = r,
                }
                if matches!(s.notice, Some(Notice::Sent)) {
                    s.notice = None;
                }
            }
            Action::Invalid(errors) => {
                s.errors = Rc::new(errors);
                s.notice = Some(Notice::Refused(ErrorCode::ValidationFailed));
            }
            Action::Queued(item) => {
                s.draft = NewFeedback::default();
                s.errors = Rc::default();
                s.notice = None;
                Rc::make_mut(&mut s.pending).push(item);
            }
            Action::Sending(key) => s.sending = Some(key),
            Action::Sent { key, feedback } => {
                s.sending = None;
                Rc::make_mut(&mut s.pending).retain(|p| p.key != key);
                let items = Rc::make_mut(&mut s.items);
                items.retain(|f| f.id != feedback.id);
                items.insert(0, feedback);
                s.notice = Some(Notice::Sent);
            }
            Action::StillPending(item) => {
                s.sending = None;
                let pending = Rc::make_mut(&mut s.pending);
                match pending.iter_mut().find(|p| p.key == item.key) {
                    Some(p) => *p = item,
                    None => pending.push(item),
                }
                s.notice = Some(Notice::Queued);
            }
            Action::Refused { key, body, error } => {
                s.sending = None;
                Rc::make_mut(&mut s.pending).retain(|p| p.key != key);
                // Nothing is lost: the refused text returns to the form unless the customer
                // has already started another message.
                if s.draft == NewFeedback::default() {
                    s.draft = body;
                }
                s.errors = Rc::new(error.fields);
                s.notice = Some(Notice::Refused(error.code));
            }
            Action::Loading => s.load = Load::Loading,
            Action::Loaded(items) => {
                // A list requested before a send finished can arrive after it: keep what was
                // sent meanwhile (newest, so first) rather than losing it from view.
                let sent_meanwhile = s
                    .items
                    .iter()
                    .filter(|f| !items.iter().any(|i| i.id == f.id));
                let mut merged: Vec<Feedback> = sent_meanwhile.cloned().collect();
                merged.extend(items);
                s.items = Rc::new(merged);
                s.load = Load::Loaded;
            }
            Action::LoadFailed => s.load = Load::Failed,
            Action::RetryDue => s.retry_tick = s.retry_tick.wrapping_add(1),
            Action::ShowAll => s.show_all = true,
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use panelcare_model::{FeedbackCategory, FeedbackStatus};

    use super::*;

    fn item(id: &str) -> Feedback {
        Feedback {
            id: id.into(),
            category: FeedbackCategory::Idea,
            message: id.into(),
            rating: None,
            page: None,
            status: FeedbackStatus::New,
            answer: None,
            answered_at: None,
            created_at: "2026-11-22T00:00:00Z".into(),
        }
    }

    fn ids(s: &FeedbackState) -> Vec<&str> {
        s.items.iter().map(|f| f.id.as_str()).collect()
    }

    #[test]
    fn a_list_that_arrives_after_a_send_keeps_the_sent_item() {
        let s = Rc::new(FeedbackState::restored(None, Vec::new()));
        let s = s.reduce(Action::Sent {
            key: "k".into(),
            feedback: item("new"),
        });
        let s = s.reduce(Action::Loaded(vec![item("old-2"), item("old-1")]));
        assert_eq!(ids(&s), ["new", "old-2", "old-1"]);
        // A later list that has it does not show it twice.
        let s = s.reduce(Action::Loaded(vec![
            item("new"),
            item("old-2"),
            item("old-1"),
        ]));
        assert_eq!(ids(&s), ["new", "old-2", "old-1"]);
    }

    #[test]
    fn a_refused_submission_returns_to_an_empty_form_only() {
        let s = Rc::new(FeedbackState::restored(None, Vec::new()));
        let refusal = |key: &str| Action::Refused {
            key: key.into(),
            body: NewFeedback {
                category: "idea".into(),
                message: "kept".into(),
                ..Default::default()
            },
            error: ApiError {
                code: ErrorCode::InvalidToken,
                message: String::new(),
                fields: Vec::new(),
            },
        };
        let s = s.reduce(refusal("a"));
        assert_eq!(s.draft.message, "kept");
        assert_eq!(s.notice, Some(Notice::Refused(ErrorCode::InvalidToken)));
        let s = s.reduce(Action::Edit(Edit::Message("new text".into())));
        let s = s.reduce(refusal("b"));
        assert_eq!(
            s.draft.message, "new text",
            "a draft being written is not overwritten"
        );
    }
}
