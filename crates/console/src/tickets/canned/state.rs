//! The canned-reply list's state as a reducer: the replies as loaded, which one is being
//! changed in place or asked about before removing, and the line that says how the last
//! action went.

use std::rc::Rc;

use panelcare_model::ticket::console::CannedReply;
use yew::prelude::*;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct CannedState {
    /// `None` while loading; the server's message when the load failed.
    pub replies: Option<Result<Rc<Vec<CannedReply>>, String>>,
    /// The reply whose removal waits for "Yes, remove", by id.
    pub confirm: Option<String>,
    /// The reply being changed in place, by id.
    pub editing: Option<String>,
    /// How the last action went: (succeeded, what to say).
    pub outcome: Option<(bool, String)>,
    /// Bumped to read the list again after a change.
    pub reload: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Loaded(Result<Rc<Vec<CannedReply>>, String>),
    /// Ask before removing this reply; `None`: keep it.
    Ask(Option<String>),
    Edit(String),
    CancelEdit,
    Saved(String),
    Added(String),
    Removed,
    /// Something went wrong, or `None` to clear the line (the form shows the fields' messages).
    Said(Option<(bool, String)>),
}

impl Reducible for CannedState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Loaded(replies) => next.replies = Some(replies),
            Action::Ask(id) => next.confirm = id,
            Action::Edit(id) => {
                next.confirm = None;
                next.outcome = None;
                next.editing = Some(id);
            }
            Action::CancelEdit => next.editing = None,
            Action::Saved(title) => {
                next.editing = None;
                next.outcome = Some((true, format!("“{title}” saved.")));
                next.reload += 1;
            }
            Action::Added(title) => {
                next.outcome = Some((
                    true,
                    format!("“{title}” added; agents find it in the ticket composer."),
                ));
                next.reload += 1;
            }
            Action::Removed => {
                next.confirm = None;
                next.outcome = Some((true, "Canned reply removed.".into()));
                next.reload += 1;
            }
            Action::Said(said) => next.outcome = said,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(actions: Vec<Action>) -> Rc<CannedState> {
        actions
            .into_iter()
            .fold(Rc::new(CannedState::default()), |s, a| s.reduce(a))
    }

    #[test]
    fn editing_a_reply_drops_a_pending_question_and_the_last_message() {
        let s = after(vec![
            Action::Said(Some((false, "No.".into()))),
            Action::Ask(Some("r1".into())),
            Action::Edit("r2".into()),
        ]);
        assert_eq!((s.confirm.clone(), s.outcome.clone()), (None, None));
        assert_eq!(s.editing.as_deref(), Some("r2"));
    }

    #[test]
    fn every_change_reads_the_list_again_and_says_so() {
        let s = after(vec![
            Action::Edit("r1".into()),
            Action::Saved("Disk full".into()),
        ]);
        assert_eq!(s.editing, None);
        assert_eq!(s.outcome, Some((true, "“Disk full” saved.".into())));
        let s = after(vec![
            Action::Ask(Some("r1".into())),
            Action::Removed,
            Action::Added("Restart".into()),
        ]);
        assert_eq!(s.confirm, None);
        assert_eq!(s.reload, 2);
        assert!(
            s.outcome
                .as_ref()
                .is_some_and(|(ok, m)| *ok && m.contains("“Restart” added"))
        );
    }
}
