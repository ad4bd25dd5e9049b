//! The Limits page's state as a reducer: the tenant's limits as edited, the field errors
//! shown next to the inputs, and how the last load, save or reset went.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    limits::{LimitedAction, Limits},
};
use yew::prelude::*;

/// Whose bucket a rate fills: one customer account's, or the whole tenant's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Account,
    Tenant,
}

impl Who {
    pub const ALL: [Self; 2] = [Self::Account, Self::Tenant];

    /// The model's field name, as in `actions.feedback.account.burst`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Account => "account",
            Self::Tenant => "tenant",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Account => "per account",
            Self::Tenant => "per tenant",
        }
    }
}

/// Which number of a rate: the bucket's size, or how fast it refills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Burst,
    PerHour,
}

impl What {
    pub const ALL: [Self; 2] = [Self::Burst, Self::PerHour];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Burst => "burst",
            Self::PerHour => "per_hour",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Burst => "burst",
            Self::PerHour => "per hour",
        }
    }
}

/// One of the two upload quotas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quota {
    Waiting,
    Daily,
}

impl Quota {
    pub const ALL: [Self; 2] = [Self::Waiting, Self::Daily];

    /// The model's field name, which the server's errors use too.
    pub fn field(self) -> &'static str {
        match self {
            Self::Waiting => "upload_waiting_bytes",
            Self::Daily => "upload_daily_bytes",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Waiting => "Uploaded, not yet sent, per account (MB)",
            Self::Daily => "Uploaded in 24 hours, per account (MB)",
        }
    }

    fn of(self, l: &mut Limits) -> &mut u64 {
        match self {
            Self::Waiting => &mut l.upload_waiting_bytes,
            Self::Daily => &mut l.upload_daily_bytes,
        }
    }
}

/// The field a rate's errors name: `actions.feedback.account.burst`.
pub fn rate_field(action: LimitedAction, who: Who, what: What) -> String {
    format!(
        "actions.{}.{}.{}",
        action.as_str(),
        who.as_str(),
        what.as_str()
    )
}

/// One input changed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Edit {
    Rate {
        action: LimitedAction,
        who: Who,
        what: What,
        value: u32,
    },
    Quota {
        quota: Quota,
        bytes: u64,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Another tenant was chosen: nothing to show until its limits arrive.
    Choose,
    /// Limits from the server (loaded, saved or reset), with what to say about them.
    Got(Limits, Option<&'static str>),
    Edit(Edit),
    /// A save or reset is on its way.
    Sending,
    /// A save was refused (locally or by the server): the fields' errors and anything no
    /// input can show.
    Refused(Vec<FieldError>, Option<String>),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LimitsState {
    /// `None` until the chosen tenant's limits arrive, so nobody edits the defaults by
    /// mistake while the real ones load.
    pub draft: Option<Rc<Limits>>,
    pub errors: Rc<Vec<FieldError>>,
    /// `(ok, text)` of the last load, save or reset.
    pub message: Option<(bool, String)>,
    pub sending: bool,
}

impl Reducible for LimitsState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Choose => next = Self::default(),
            Action::Got(limits, said) => {
                next.draft = Some(Rc::new(complete(limits)));
                next.errors = Rc::default();
                next.message = said.map(|s| (true, s.to_owned()));
                next.sending = false;
            }
            Action::Edit(edit) => {
                let Some(draft) = &self.draft else {
                    return self;
                };
                let mut l = (**draft).clone();
                apply(&mut l, edit);
                // Once errors show, they follow the typing, so a fixed field clears at once.
                if !next.errors.is_empty() {
                    next.errors = Rc::new(l.validate().err().unwrap_or_default());
                }
                next.draft = Some(Rc::new(l));
                next.message = None;
            }
            Action::Sending => {
                next.sending = true;
                next.message = None;
            }
            Action::Refused(errors, general) => {
                next.errors = Rc::new(errors);
                next.message = general.map(|m| (false, m));
                next.sending = false;
            }
        }
        Rc::new(next)
    }
}

/// One row per action in the model's order: a set stored before an action existed lacks its
/// row, and the server limits that action by the default, so the table shows that.
fn complete(l: Limits) -> Limits {
    Limits {
        actions: LimitedAction::ALL.into_iter().map(|a| l.of(a)).collect(),
        ..l
    }
}

fn apply(l: &mut Limits, edit: Edit) {
    match edit {
        Edit::Rate {
            action,
            who,
            what,
            value,
        } => {
            if let Some(a) = l.actions.iter_mut().find(|a| a.action == action) {
                let rate = match who {
                    Who::Account => &mut a.account,
                    Who::Tenant => &mut a.tenant,
                };
                match what {
                    What::Burst => rate.burst = value,
                    What::PerHour => rate.per_hour = value,
                }
            }
        }
        Edit::Quota { quota, bytes } => *quota.of(l) = bytes,
    }
}

pub const MB: u64 = 1024 * 1024;

/// Bytes as the MB the input shows: whole where whole, else to two places.
pub fn to_mb(bytes: u64) -> String {
    if bytes == 0 {
        String::new()
    } else if bytes.is_multiple_of(MB) {
        (bytes / MB).to_string()
    } else {
        format!("{:.2}", bytes as f64 / MB as f64)
    }
}

/// What was typed in MB → bytes; empty or unreadable is 0, which `validate` refuses with
/// its reason.
pub fn from_mb(text: &str) -> u64 {
    match text.trim().parse::<f64>() {
        Ok(mb) if mb.is_finite() && mb > 0.0 => (mb * MB as f64).round() as u64,
        _ => 0,
    }
}
