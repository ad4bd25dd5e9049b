//! The TOML import's state: the text to import (typed, or read from a chosen file), whether
//! the admin is being asked to confirm, the server's messages about the file and whether it
//! is on its way. Pure transitions, so they are tested without a browser.

use std::rc::Rc;

use panelcare_model::FieldError;
use yew::prelude::*;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportState {
    pub text: String,
    /// "Replace all rules?" is asked.
    pub confirming: bool,
    /// The server's messages about the file, by field (`toml`, `rule[2].when[0]`).
    pub errors: Rc<Vec<FieldError>>,
    /// A refusal that named no field (the session's role, a file too large).
    pub failure: Option<String>,
    pub busy: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The admin typed or pasted.
    Typed(String),
    /// A chosen file was read: a new file, so the messages about the old text go.
    Chosen(String),
    /// Asks for the confirmation, or takes the question back.
    Confirm(bool),
    Sending,
    /// The server refused the file: its messages by field, or its message when it named none.
    Refused(Vec<FieldError>, Option<String>),
    /// Imported and saved: the list is the file's now, and the box starts empty.
    Imported,
    /// No answer to show (the session was over and the console went back to sign-in).
    Dropped,
}

impl ImportState {
    /// Nothing to import yet.
    pub fn empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

impl Reducible for ImportState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Typed(text) => s.text = text,
            Action::Chosen(text) => {
                s.text = text;
                s.errors = Rc::new(Vec::new());
            }
            Action::Confirm(on) => {
                s.failure = None;
                s.confirming = on;
            }
            Action::Sending => s.busy = true,
            Action::Refused(errors, failure) => {
                s.busy = false;
                s.confirming = false;
                s.errors = Rc::new(errors);
                s.failure = failure;
            }
            Action::Imported => {
                s = ImportState::default();
            }
            Action::Dropped => {
                s.busy = false;
                s.confirming = false;
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use panelcare_model::error::FieldErrorCode;

    use super::*;

    fn refused() -> Rc<ImportState> {
        Rc::new(ImportState::default())
            .reduce(Action::Typed("[[rule]]".into()))
            .reduce(Action::Confirm(true))
            .reduce(Action::Sending)
            .reduce(Action::Refused(
                vec![FieldError::new(
                    "toml",
                    FieldErrorCode::InvalidType,
                    "line 1",
                )],
                None,
            ))
    }

    #[test]
    fn a_refusal_keeps_the_text_and_ends_the_question() {
        let s = refused();
        assert_eq!(s.text, "[[rule]]");
        assert!(!s.confirming && !s.busy);
        assert_eq!(s.errors.len(), 1);
        // Typing on keeps the messages until the next answer; a new file clears them.
        let s = s.reduce(Action::Typed("[[rule]]\nid = \"a\"".into()));
        assert_eq!(s.errors.len(), 1);
        let s = s.reduce(Action::Chosen("[[rule]]".into()));
        assert!(s.errors.is_empty());
    }

    #[test]
    fn asking_again_forgets_the_last_failure_and_an_import_empties_the_box() {
        let s = Rc::new(ImportState::default())
            .reduce(Action::Typed("x".into()))
            .reduce(Action::Refused(Vec::new(), Some("Only admins".into())));
        assert_eq!(s.failure.as_deref(), Some("Only admins"));
        let s = s.reduce(Action::Confirm(true));
        assert_eq!((s.failure.clone(), s.confirming), (None, true));
        let s = s.reduce(Action::Sending).reduce(Action::Imported);
        assert_eq!(*s, ImportState::default());
        assert!(s.empty());
    }
}
