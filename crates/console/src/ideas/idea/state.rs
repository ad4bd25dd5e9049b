//! The idea screen's state: the idea as the server last answered it, whether an action is on
//! its way, how the last one went, and the server's messages per field.

use std::rc::Rc;

use panelcare_model::{FieldError, ideas::QueuedIdea};
use yew::prelude::*;

/// The idea the address names: on its way, not there (or not in the agent's scope), failed
/// to come, or here.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    Loading,
    NotFound,
    Failed(AttrValue),
    Loaded(Rc<QueuedIdea>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct IdeaState {
    pub idea: Shown,
    /// An action is on its way: its buttons wait.
    pub busy: bool,
    /// How the last action went: (succeeded, what to say).
    pub said: Option<(bool, AttrValue)>,
    /// The last refusal's messages, shown at their fields.
    pub errors: Rc<Vec<FieldError>>,
}

impl Default for IdeaState {
    fn default() -> Self {
        Self {
            idea: Shown::Loading,
            busy: false,
            said: None,
            errors: Rc::default(),
        }
    }
}

pub enum Action {
    /// Another address: nothing of the idea shown before stays.
    Open,
    Loaded(QueuedIdea),
    NotFound,
    Failed(String),
    Busy,
    /// An action worked: the idea as it is now, and what to say.
    Done(QueuedIdea, String),
    /// An action was refused or failed: what to say, and the messages per field.
    Refused(String, Vec<FieldError>),
}

impl Reducible for IdeaState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Open => next = Self::default(),
            Action::Loaded(idea) => next.idea = Shown::Loaded(Rc::new(idea)),
            Action::NotFound => next.idea = Shown::NotFound,
            Action::Failed(m) => next.idea = Shown::Failed(m.into()),
            Action::Busy => next.busy = true,
            Action::Done(idea, said) => {
                next.idea = Shown::Loaded(Rc::new(idea));
                next.busy = false;
                next.said = Some((true, said.into()));
                next.errors = Rc::default();
            }
            Action::Refused(said, errors) => {
                next.busy = false;
                next.said = Some((false, said.into()));
                next.errors = Rc::new(errors);
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use panelcare_model::{
        error::FieldErrorCode,
        ideas::{IdeaStatus, IdeaVisibility},
    };

    use super::*;

    fn idea(status: IdeaStatus) -> QueuedIdea {
        QueuedIdea {
            id: "i1".into(),
            tenant_id: "acme".into(),
            tenant_name: "Acme Hosting".into(),
            title: "Staging copies".into(),
            body: "Please.".into(),
            visibility: IdeaVisibility::Published,
            status,
            answer: None,
            votes: 3,
            revenue_cents: 1300,
            currency: "EUR".into(),
            author_name: Some("Alice Baker".into()),
            feedback_id: None,
            merged_into: None,
            deflections: 0,
            created_at: "2026-12-01T10:00:00Z".into(),
            status_at: None,
        }
    }

    #[test]
    fn a_refusal_keeps_the_idea_and_a_success_clears_the_field_messages() {
        let s = Rc::new(IdeaState::default()).reduce(Action::Loaded(idea(IdeaStatus::Open)));
        let s = s.reduce(Action::Busy);
        assert!(s.busy);
        let bad = FieldError::new("title", FieldErrorCode::Required, "A title is needed.");
        let s = s.reduce(Action::Refused("Fix the title.".into(), vec![bad]));
        assert!(!s.busy);
        assert_eq!(s.errors.len(), 1);
        assert!(matches!(&s.idea, Shown::Loaded(i) if i.status == IdeaStatus::Open));
        let s = s.reduce(Action::Done(idea(IdeaStatus::Planned), "Saved.".into()));
        assert!(s.errors.is_empty());
        assert_eq!(s.said, Some((true, AttrValue::from("Saved."))));
        assert!(matches!(&s.idea, Shown::Loaded(i) if i.status == IdeaStatus::Planned));
        let s = s.reduce(Action::Open);
        assert_eq!(*s, IdeaState::default());
    }
}
