//! The rules editor's state: the list as saved and as being changed, which rule's form is
//! open (the one the address names), the server's messages and how the last save went.
//! Pure transitions, so they are tested without a browser.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    offers::{Cap, Catalogue, ItemKind, Rule, catalogue::key},
};
use yew::prelude::*;

/// A fresh rule offering the first thing the catalogue sells, with an id the list lacks.
pub fn new_rule(list: &[Rule], catalogue: &Catalogue) -> Rule {
    let n = (1..)
        .find(|n| !list.iter().any(|r| r.id == format!("rule-{n}")))
        .unwrap_or(1);
    let offer = ItemKind::ALL
        .iter()
        .find_map(|k| catalogue.items(*k).first().map(|i| key(*k, &i.id)))
        .unwrap_or_default();
    Rule {
        id: format!("rule-{n}"),
        name: String::new(),
        enabled: true,
        priority: 0,
        when: Vec::new(),
        offer,
        headline: String::new(),
        body: String::new(),
        texts: Default::default(),
        cta_url: String::new(),
        snooze_days: 14,
        cap: Cap::default(),
        variants: Vec::new(),
    }
}

/// The rule a field error belongs to: `rule[2].when[0]` → 2.
pub fn rule_of(field: &str) -> Option<usize> {
    field.strip_prefix("rule[")?.split_once(']')?.0.parse().ok()
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RulesState {
    pub saved: Vec<Rule>,
    pub list: Vec<Rule>,
    /// Renews the open form after a load, so it shows what was loaded, not what was typed.
    pub serial: u32,
    /// The rule whose form is open, by place in the list.
    pub open: Option<usize>,
    /// The rule the address names (`/console/offers/{tenant}/rules/{id}`), opened once it is
    /// listed.
    pub wanted: Option<String>,
    pub errors: Rc<Vec<FieldError>>,
    /// How the last save went: (succeeded, what to say).
    pub outcome: Option<(bool, String)>,
    pub busy: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The address names this rule, or none.
    Route(Option<String>),
    /// The list as the server has it now (loaded, saved or imported), and what to say.
    Loaded(Vec<Rule>, Option<String>),
    Saving,
    /// The server refused the list: its messages, what to say, the rule to open.
    Refused(Vec<FieldError>, String, Option<usize>),
    /// Opens a rule's form, or closes the open one.
    Open(Option<usize>),
    Change(usize, Rule),
    Add(Rule),
    Move(usize, usize),
    Delete(usize),
}

impl RulesState {
    /// Where the rule with `id` is, keeping the open place if its rule has that id (two
    /// rules may share one until the server refuses them).
    fn place_of(&self, id: Option<&str>) -> Option<usize> {
        let id = id?;
        if let Some(i) = self
            .open
            .filter(|i| self.list.get(*i).is_some_and(|r| r.id == id))
        {
            return Some(i);
        }
        self.list.iter().position(|r| r.id == id)
    }

    /// The address names a rule that is not in the list (mistyped, deleted elsewhere).
    pub fn missing(&self) -> Option<&str> {
        self.wanted.as_deref().filter(|_| self.open.is_none())
    }

    pub fn unsaved(&self) -> bool {
        self.list != self.saved
    }
}

impl Reducible for RulesState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Route(wanted) => {
                s.open = s.place_of(wanted.as_deref());
                s.wanted = wanted;
            }
            Action::Loaded(rules, said) => {
                s.saved = rules.clone();
                s.list = rules;
                s.serial += 1;
                s.busy = false;
                s.errors = Rc::new(Vec::new());
                s.outcome = said.map(|text| (true, text));
                s.open = s.list.iter().position(|r| Some(&r.id) == s.wanted.as_ref());
            }
            Action::Saving => {
                s.busy = true;
                s.outcome = None;
            }
            Action::Refused(errors, text, open) => {
                s.busy = false;
                s.errors = Rc::new(errors);
                s.outcome = Some((false, text));
                if let Some(i) = open {
                    s.open = Some(i);
                    s.wanted = s.list.get(i).map(|r| r.id.clone());
                }
            }
            Action::Open(i) => {
                s.open = i;
                s.wanted = i.and_then(|i| s.list.get(i)).map(|r| r.id.clone());
            }
            Action::Change(i, rule) => {
                // The messages keep their places: they still belong to this rule.
                if s.open == Some(i) {
                    s.wanted = Some(rule.id.clone());
                }
                if let Some(r) = s.list.get_mut(i) {
                    *r = rule;
                }
                s.outcome = None;
            }
            Action::Add(rule) => {
                s.wanted = Some(rule.id.clone());
                s.list.push(rule);
                s.open = Some(s.list.len() - 1);
                s.outcome = None;
            }
            Action::Move(i, to) => {
                if i < s.list.len() && to < s.list.len() {
                    s.list.swap(i, to);
                    // The open form follows its rule.
                    s.open = s.open.map(|o| match o {
                        o if o == i => to,
                        o if o == to => i,
                        o => o,
                    });
                }
                // Places moved, so the server's old messages no longer fit.
                s.errors = Rc::new(Vec::new());
                s.outcome = None;
            }
            Action::Delete(i) => {
                if i < s.list.len() {
                    s.list.remove(i);
                }
                s.open = None;
                s.wanted = None;
                s.errors = Rc::new(Vec::new());
                s.outcome = None;
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use panelcare_model::error::FieldErrorCode;

    use super::*;

    fn rule(id: &str) -> Rule {
        Rule {
            id: id.into(),
            ..new_rule(&[], &Catalogue::default())
        }
    }

    #[test]
    fn a_field_names_its_rule() {
        assert_eq!(rule_of("rule[2].when[0]"), Some(2));
        assert_eq!(rule_of("rules"), None);
    }

    fn with(rules: &[&str], wanted: Option<&str>) -> Rc<RulesState> {
        Rc::new(RulesState::default())
            .reduce(Action::Route(wanted.map(str::to_owned)))
            .reduce(Action::Loaded(
                rules.iter().map(|r| rule(r)).collect(),
                None,
            ))
    }

    #[test]
    fn the_address_opens_its_rule_once_loaded() {
        let s = with(&["a", "b"], Some("b"));
        assert_eq!(s.open, Some(1));
        assert_eq!(s.missing(), None);
        let s = s.reduce(Action::Route(None));
        assert_eq!(s.open, None);
        let s = with(&["a"], Some("gone"));
        assert_eq!(s.missing(), Some("gone"));
    }

    #[test]
    fn the_open_form_follows_its_rule_when_moved_and_renamed() {
        let s = with(&["a", "b", "c"], Some("a"));
        let s = s.reduce(Action::Move(0, 1));
        assert_eq!(s.open, Some(1));
        assert_eq!(s.list[1].id, "a");
        let s = s.reduce(Action::Change(1, rule("a2")));
        assert_eq!(s.wanted.as_deref(), Some("a2"));
        // The address then names the new id: the same form stays open.
        let s = s.reduce(Action::Route(Some("a2".into())));
        assert_eq!(s.open, Some(1));
        assert!(s.unsaved());
    }

    #[test]
    fn a_shared_id_keeps_the_form_that_is_open() {
        let s = with(&["x", "x"], None).reduce(Action::Open(Some(1)));
        let s = s.reduce(Action::Route(Some("x".into())));
        assert_eq!(s.open, Some(1));
    }

    #[test]
    fn deleting_closes_the_form_and_clears_the_messages() {
        let s = with(&["a", "b"], Some("b")).reduce(Action::Refused(
            vec![FieldError::new(
                "rule[1].when[0]",
                FieldErrorCode::UnknownValue,
                "bad",
            )],
            "no".into(),
            Some(1),
        ));
        assert_eq!(s.errors.len(), 1);
        let s = s.reduce(Action::Delete(1));
        assert_eq!((s.open, s.errors.len(), s.list.len()), (None, 0, 1));
    }

    #[test]
    fn an_added_rule_opens() {
        let s = with(&["a"], None).reduce(Action::Add(rule("rule-1")));
        assert_eq!(s.open, Some(1));
        assert_eq!(s.wanted.as_deref(), Some("rule-1"));
    }
}
