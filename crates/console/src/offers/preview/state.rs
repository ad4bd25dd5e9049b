//! "Try it"'s state: the figures as typed, the server's last answer and whether a question is
//! on its way. Pure transitions (and the request the figures make), so they are tested
//! without a browser.

use std::rc::Rc;

use panelcare_model::{
    Lang,
    offers::{Catalogue, Metric, Offer},
};
use yew::prelude::*;

use super::super::{
    api::{Figure, PreviewRequest},
    units,
};

/// The figures as typed, per metric: used and limit (blank limit is unlimited).
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub typed: Vec<(Metric, String, String)>,
    pub plan: String,
    pub support_tier: String,
    pub service_id: String,
    pub lang: String,
}

impl Figures {
    fn new(c: &Catalogue) -> Self {
        Self {
            // A customer close to a full disk: the case most offers are written for.
            typed: Metric::ALL
                .into_iter()
                .map(|m| match m {
                    Metric::Disk => (m, "4.6".into(), "5".into()),
                    _ => (m, String::new(), String::new()),
                })
                .collect(),
            plan: c.plans.first().map(|p| p.id.clone()).unwrap_or_default(),
            support_tier: String::new(),
            service_id: String::new(),
            lang: Lang::En.tag().into(),
        }
    }

    /// What the server is asked: only the figures that were typed, in its units.
    pub fn request(&self) -> PreviewRequest {
        let mut r = PreviewRequest {
            plan: self.plan.clone(),
            support_tier: self.support_tier.trim().to_owned(),
            lang: self.lang.clone(),
            ..PreviewRequest::default()
        };
        for (m, used, limit) in &self.typed {
            // A metric without a figure is one the panel does not report.
            let Some(used) = units::parse_amount(*m, used) else {
                continue;
            };
            let limit = units::parse_amount(*m, limit);
            r.usage
                .metrics
                .insert(m.as_str().to_owned(), Figure { used, limit });
        }
        let sid = self.service_id.trim();
        r.usage.service_id = (!sid.is_empty()).then(|| sid.to_owned());
        r
    }
}

/// The server's answer: the offer these figures get (or none), or why it could not say.
pub type Answer = Result<Option<Rc<Offer>>, String>;

#[derive(Debug, Clone, PartialEq)]
pub struct TryState {
    pub figures: Figures,
    pub answer: Option<Answer>,
    pub busy: bool,
}

impl TryState {
    /// Figures to start from, on the catalogue's first plan.
    pub fn new(c: &Catalogue) -> Self {
        Self {
            figures: Figures::new(c),
            answer: None,
            busy: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The metric in row `n` is used this much, as typed.
    Used(usize, String),
    /// The metric in row `n` has this limit, as typed (blank: unlimited).
    Limit(usize, String),
    Plan(String),
    Tier(String),
    Service(String),
    Lang(String),
    Asking,
    /// The server's answer, or `None` when there is none to show (the session was over).
    Answered(Option<Answer>),
}

impl Reducible for TryState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let f = &mut s.figures;
        match action {
            Action::Used(n, v) => {
                if let Some(row) = f.typed.get_mut(n) {
                    row.1 = v;
                }
            }
            Action::Limit(n, v) => {
                if let Some(row) = f.typed.get_mut(n) {
                    row.2 = v;
                }
            }
            Action::Plan(v) => f.plan = v,
            Action::Tier(v) => f.support_tier = v,
            Action::Service(v) => f.service_id = v,
            Action::Lang(v) => f.lang = v,
            Action::Asking => s.busy = true,
            Action::Answered(answer) => {
                s.busy = false;
                if answer.is_some() {
                    s.answer = answer;
                }
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GB: f64 = 1024.0 * 1024.0 * 1024.0;

    #[test]
    fn only_typed_figures_are_asked_about_in_bytes() {
        let s = Rc::new(TryState::new(&Catalogue::default()));
        let disk = Metric::ALL
            .iter()
            .position(|m| *m == Metric::Disk)
            .unwrap_or(0);
        let bandwidth = Metric::ALL
            .iter()
            .position(|m| *m == Metric::Bandwidth)
            .unwrap_or(0);
        let s = s
            .reduce(Action::Used(bandwidth, "20".into()))
            .reduce(Action::Limit(disk, "".into()))
            .reduce(Action::Service(" 77 ".into()));
        let r = s.figures.request();
        assert_eq!(r.usage.service_id.as_deref(), Some("77"));
        assert_eq!(r.usage.metrics.len(), 2, "disk and bandwidth only");
        let d = &r.usage.metrics["disk"];
        assert!((d.used - 4.6 * GB).abs() < 1.0 && d.limit.is_none());
        assert_eq!(r.usage.metrics["bandwidth"].used, 20.0 * GB);
        assert_eq!(r.lang, "en");
    }

    #[test]
    fn an_answer_ends_the_question_and_a_lost_session_keeps_the_last_answer() {
        let s = Rc::new(TryState::new(&Catalogue::default()))
            .reduce(Action::Asking)
            .reduce(Action::Answered(Some(Ok(None))));
        assert!(!s.busy);
        assert_eq!(s.answer, Some(Ok(None)));
        let s = s.reduce(Action::Asking).reduce(Action::Answered(None));
        assert_eq!((s.busy, s.answer.clone()), (false, Some(Ok(None))));
    }
}
