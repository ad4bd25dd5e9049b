//! The knowledge-base page's state: the articles as last read, the filters, and what the
//! last change did; the article being edited is the address's.

use std::rc::Rc;

use panelcare_model::kb::AgentArticle;
use yew::prelude::*;

/// The articles: on their way, failed to come, or here.
#[derive(Debug, Clone, PartialEq)]
pub enum Listed {
    Loading,
    Failed(AttrValue),
    Loaded(Rc<Vec<Rc<AgentArticle>>>),
}

/// What the list is narrowed to; empty fields keep everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub tenant: String,
    pub lang: String,
    /// "", "published" or "draft".
    pub state: String,
    pub words: String,
}

impl Filters {
    pub fn keeps(&self, a: &AgentArticle) -> bool {
        let words = self.words.trim().to_lowercase();
        (self.tenant.is_empty() || a.tenant_id == self.tenant)
            && (self.lang.is_empty() || a.lang == self.lang)
            && match self.state.as_str() {
                "published" => a.published,
                "draft" => !a.published,
                _ => true,
            }
            && (words.is_empty()
                || a.title.to_lowercase().contains(&words)
                || a.body.to_lowercase().contains(&words))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct KbState {
    pub articles: Listed,
    pub filters: Filters,
    /// How the last save or deletion went, said once.
    pub said: Option<AttrValue>,
    /// Counts the reads asked for: a change makes the list read again.
    pub read: u32,
}

impl Default for KbState {
    fn default() -> Self {
        Self {
            articles: Listed::Loading,
            filters: Filters::default(),
            said: None,
            read: 0,
        }
    }
}

impl KbState {
    /// The listed article `id`, once the list is here.
    pub fn article(&self, id: &str) -> Option<Rc<AgentArticle>> {
        match &self.articles {
            Listed::Loaded(all) => all.iter().find(|a| a.id == id).cloned(),
            _ => None,
        }
    }
}

pub enum Action {
    Loaded(Vec<AgentArticle>),
    Failed(String),
    Filter(Filters),
    /// An editor opened: what was said about the last one is old news.
    Opened,
    /// An article was saved or deleted: say so and read the list again.
    Changed(String),
}

impl Reducible for KbState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Loaded(list) => {
                next.articles = Listed::Loaded(Rc::new(list.into_iter().map(Rc::new).collect()))
            }
            Action::Failed(message) => next.articles = Listed::Failed(message.into()),
            Action::Filter(filters) => next.filters = filters,
            Action::Opened => next.said = None,
            Action::Changed(said) => {
                next.said = Some(said.into());
                next.read += 1;
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, lang: &str, published: bool) -> AgentArticle {
        AgentArticle {
            id: id.into(),
            tenant_id: "acme".into(),
            lang: lang.into(),
            title: format!("Restoring {id}"),
            body: "From a JetBackup snapshot.".into(),
            published,
            views: 0,
            solved: 0,
            updated_at: "2026-12-01T10:00:00Z".into(),
        }
    }

    #[test]
    fn filters_keep_what_matches_every_field_set() {
        let a = article("a1", "en", true);
        assert!(Filters::default().keeps(&a));
        let drafts = Filters {
            state: "draft".into(),
            ..Filters::default()
        };
        assert!(!drafts.keeps(&a));
        let words = Filters {
            words: "  JETBACKUP ".into(),
            lang: "en".into(),
            ..Filters::default()
        };
        assert!(words.keeps(&a), "words are found in the body, in any case");
        let other = Filters {
            tenant: "bluefox".into(),
            ..Filters::default()
        };
        assert!(!other.keeps(&a));
    }

    #[test]
    fn a_change_is_said_and_reads_the_list_again_and_opening_forgets_it() {
        let s = Rc::new(KbState::default()).reduce(Action::Loaded(vec![article("a1", "en", true)]));
        assert_eq!(s.article("a1").map(|a| a.id.clone()), Some("a1".into()));
        assert!(s.article("a2").is_none());
        let s = s.reduce(Action::Changed("“Restoring a1” saved.".into()));
        assert_eq!(
            (s.read, s.said.as_deref()),
            (1, Some("“Restoring a1” saved."))
        );
        let s = s.reduce(Action::Opened);
        assert_eq!((s.read, s.said.clone()), (1, None));
    }
}
