//! The Security page's state: what the account has, and where setting up or turning off is.

use std::rc::Rc;

use panelcare_model::second_factor::{Enrolment, Status};
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    Loading,
    /// The account's second factor as the server says (on or off).
    Shown(Rc<Status>),
    /// A new secret waits for its first code.
    Setting(Rc<Enrolment>),
    /// Just turned on: the recovery codes, once.
    Codes(Rc<Vec<String>>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct SecurityState {
    pub stage: Stage,
    pub busy: bool,
    /// Why the last action failed, for the form that sent it.
    pub error: Option<AttrValue>,
    /// How the last action went, said once.
    pub said: Option<AttrValue>,
}

impl Default for SecurityState {
    fn default() -> Self {
        Self {
            stage: Stage::Loading,
            busy: false,
            error: None,
            said: None,
        }
    }
}

pub enum Action {
    Got(Status),
    Busy,
    Setting(Enrolment),
    Enabled(Vec<String>),
    /// Turned off, with what to say.
    Off(Status, &'static str),
    Failed(String),
}

impl Reducible for SecurityState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.busy = false;
        match action {
            Action::Got(status) => {
                next.stage = Stage::Shown(Rc::new(status));
                next.error = None;
            }
            Action::Busy => {
                next.busy = true;
                next.said = None;
            }
            Action::Setting(enrolment) => {
                next.stage = Stage::Setting(Rc::new(enrolment));
                next.error = None;
            }
            Action::Enabled(codes) => {
                next.stage = Stage::Codes(Rc::new(codes));
                next.error = None;
            }
            Action::Off(status, said) => {
                next.stage = Stage::Shown(Rc::new(status));
                next.error = None;
                next.said = Some(said.into());
            }
            Action::Failed(message) => next.error = Some(message.into()),
        }
        Rc::new(next)
    }
}
