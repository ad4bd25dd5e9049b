//! The notices page's state: the notices as last read, and what the last change did; the
//! notice being changed is the address's.

use std::rc::Rc;

use panelcare_model::notice::AgentNotice;
use yew::prelude::*;

/// The notices: on their way, failed to come, or here.
#[derive(Debug, Clone, PartialEq)]
pub enum Listed {
    Loading,
    Failed(AttrValue),
    Loaded(Rc<Vec<Rc<AgentNotice>>>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct NoticesState {
    pub notices: Listed,
    /// How the last change went, said once.
    pub said: Option<AttrValue>,
    /// Counts the reads asked for: a change makes the list read again.
    pub read: u32,
}

impl Default for NoticesState {
    fn default() -> Self {
        Self {
            notices: Listed::Loading,
            said: None,
            read: 0,
        }
    }
}

impl NoticesState {
    /// The listed notice `id`, once the list is here.
    pub fn notice(&self, id: &str) -> Option<Rc<AgentNotice>> {
        match &self.notices {
            Listed::Loaded(all) => all.iter().find(|n| n.notice.id == id).cloned(),
            _ => None,
        }
    }

    /// The list with `id` replaced by `by` (or left out without one).
    fn with(&self, id: &str, by: Option<Rc<AgentNotice>>) -> Listed {
        match &self.notices {
            Listed::Loaded(all) => Listed::Loaded(Rc::new(
                all.iter()
                    .filter_map(|n| match (&by, n.notice.id == id) {
                        (_, false) => Some(n.clone()),
                        (Some(by), true) => Some(by.clone()),
                        (None, true) => None,
                    })
                    .collect(),
            )),
            other => other.clone(),
        }
    }
}

pub enum Action {
    Loaded(Vec<AgentNotice>),
    Failed(String),
    /// A form opened: what was said about the last change is old news.
    Opened,
    /// A notice was saved, changed or removed (`None`): show it so at once, say so, and read
    /// the list again for what others changed meanwhile.
    Changed(AttrValue, Option<Rc<AgentNotice>>, String),
}

impl Reducible for NoticesState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Loaded(list) => {
                next.notices = Listed::Loaded(Rc::new(list.into_iter().map(Rc::new).collect()))
            }
            Action::Failed(message) => next.notices = Listed::Failed(message.into()),
            Action::Opened => next.said = None,
            Action::Changed(id, by, said) => {
                next.notices = self.with(&id, by);
                next.said = Some(said.into());
                next.read += 1;
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use panelcare_model::notice::{Notice, NoticeKind};

    use super::*;

    fn notice(id: &str, title: &str) -> AgentNotice {
        AgentNotice {
            tenant_id: "acme".into(),
            notice: Notice {
                id: id.into(),
                kind: NoticeKind::Incident,
                title: title.into(),
                body: "Outgoing mail waits in the queue.".into(),
                starts_at: "2026-12-06T22:00:00Z".into(),
                ends_at: None,
                current: true,
                affected_plans: Vec::new(),
                affected_servers: Vec::new(),
                updates: Vec::new(),
            },
        }
    }

    #[test]
    fn a_change_shows_at_once_and_reads_the_list_again() {
        let s = Rc::new(NoticesState::default()).reduce(Action::Loaded(vec![
            notice("n1", "Mail is delayed"),
            notice("n2", "Kernel update"),
        ]));
        let s = s.reduce(Action::Changed(
            "n1".into(),
            Some(Rc::new(notice("n1", "Mail flows again"))),
            "changed".into(),
        ));
        assert_eq!(
            s.notice("n1").map(|n| n.notice.title.clone()).as_deref(),
            Some("Mail flows again")
        );
        assert_eq!((s.read, s.said.as_deref()), (1, Some("changed")));
        let s = s.reduce(Action::Changed("n2".into(), None, "removed".into()));
        assert!(s.notice("n2").is_none());
        assert!(s.notice("n1").is_some());
        assert_eq!(s.reduce(Action::Opened).said, None);
    }
}
