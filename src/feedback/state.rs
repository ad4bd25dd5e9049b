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
                s.items = Rc::new(items);
                s.load = Load::Loaded;
            }
            Action::LoadFailed => s.load = Load::Failed,
            Action::RetryDue => s.retry_tick = s.retry_tick.wrapping_add(1),
            Action::ShowAll => s.show_all = true,
        }
        Rc::new(s)
    }
}
