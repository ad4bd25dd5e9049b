//! Load → edit → save, the shape of most console editors: ask the server for the stored
//! copy when the screen opens (or its key, say the tenant, changes), edit a draft of it,
//! and save the draft, showing the server's field messages or the saved state.
//!
//! A screen says only what is its own: how to load and save, how the stored copy becomes
//! a draft, and what to say when it is saved.

use std::{cell::Cell, future::Future, rc::Rc};

use panelcare_model::FieldError;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::{
    api::{Api, ApiError},
    console::{Console, use_console},
    form,
};

/// The stored copy: loading, loaded, or the message of a failed load.
#[derive(Debug, Clone, PartialEq)]
pub enum Stored<T> {
    Loading,
    Loaded(Rc<T>),
    Failed(String),
}

/// One editor's state; cheap to clone into callbacks.
#[derive(Debug)]
pub struct Loaded<T: 'static, D: 'static> {
    pub stored: UseStateHandle<Stored<T>>,
    pub draft: UseStateHandle<D>,
    /// The server's (or a local check's) messages per field.
    pub errors: UseStateHandle<Vec<FieldError>>,
    /// How the last save went: (succeeded, what to say).
    pub outcome: UseStateHandle<Option<(bool, String)>>,
    /// A save is on its way.
    pub busy: UseStateHandle<bool>,
    pub console: Console,
    of: fn(&T) -> D,
    /// Bumped when the key changes: an answer asked for under an earlier key (a tenant
    /// switched from while it was on its way) is dropped, never shown or made the draft.
    generation: Rc<Cell<u64>>,
}

impl<T, D> Clone for Loaded<T, D> {
    fn clone(&self) -> Self {
        Self {
            stored: self.stored.clone(),
            draft: self.draft.clone(),
            errors: self.errors.clone(),
            outcome: self.outcome.clone(),
            busy: self.busy.clone(),
            console: self.console.clone(),
            of: self.of,
            generation: self.generation.clone(),
        }
    }
}

/// Loads with `load(api, key)` whenever `key` changes, and makes the draft with `of`.
#[hook]
pub fn use_loaded<K, T, D, F, Fut>(key: K, of: fn(&T) -> D, load: F) -> Loaded<T, D>
where
    K: PartialEq + Clone + 'static,
    T: 'static,
    D: Default + Clone + 'static,
    F: Fn(Api, K) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let console = use_console();
    let editor = Loaded {
        stored: use_state(|| Stored::Loading),
        draft: use_state(D::default),
        errors: use_state(Vec::new),
        outcome: use_state(|| None),
        busy: use_state(|| false),
        console,
        of,
        generation: (*use_memo((), |_| Rc::new(Cell::new(0u64)))).clone(),
    };
    {
        let editor = editor.clone();
        use_effect_with(key, move |key| {
            let asked = editor.generation.get() + 1;
            editor.generation.set(asked);
            editor.stored.set(Stored::Loading);
            editor.errors.set(Vec::new());
            editor.outcome.set(None);
            let key = key.clone();
            spawn_local(async move {
                let result = load(editor.console.api.clone(), key).await;
                if editor.generation.get() != asked {
                    return;
                }
                if let Some(value) = editor.console.settle(result, |e| {
                    editor.stored.set(Stored::Failed(e.message()));
                }) {
                    editor.draft.set((editor.of)(&value));
                    editor.stored.set(Stored::Loaded(Rc::new(value)));
                }
            });
        });
    }
    editor
}

impl<T: 'static, D: Clone + 'static> Loaded<T, D> {
    /// The stored copy, or what to draw instead while it loads or after it failed.
    pub fn ready(&self, loading: &str) -> Result<Rc<T>, Html> {
        match &*self.stored {
            Stored::Loading => Err(html! { <p class="c-muted">{ loading.to_owned() }</p> }),
            Stored::Failed(m) => Err(html! { <p class="c-error" role="alert">{ m }</p> }),
            Stored::Loaded(v) => Ok(v.clone()),
        }
    }

    /// A callback that changes one part of the draft.
    pub fn edit<V: 'static>(&self, set: fn(&mut D, V)) -> Callback<V> {
        let draft = self.draft.clone();
        Callback::from(move |v: V| {
            let mut d = (*draft).clone();
            set(&mut d, v);
            draft.set(d);
        })
    }

    /// Shows a local check's findings instead of saving.
    pub fn refuse(&self, errors: Vec<FieldError>) {
        self.errors.set(errors);
        self.outcome.set(Some((
            false,
            "Nothing was saved: fix the fields marked below.".into(),
        )));
    }

    /// Saves with `save(api, draft)`; the answer becomes the stored copy and the draft, and
    /// `said` what to tell. `shown` are the fields the form has a place for: any other
    /// message is said in the outcome line, so nothing the server said goes unseen.
    pub fn save<F, Fut>(
        &self,
        save: F,
        said: impl FnOnce(&T) -> String + 'static,
        shown: &'static [&'static str],
    ) where
        F: FnOnce(Api, D) -> Fut + 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        self.save_saying(save, said, move |e, _| {
            form::general_message(e, shown)
                .unwrap_or_else(|| "Nothing was saved: fix the fields marked below.".into())
        });
    }

    /// [`Self::save`] for a form that words a refusal itself: `refused` gets the error and
    /// its field messages (which are shown at their fields as usual) and says what to tell,
    /// for forms whose fields are lists or are only known once loaded.
    pub fn save_saying<F, Fut, R>(
        &self,
        save: F,
        said: impl FnOnce(&T) -> String + 'static,
        refused: R,
    ) where
        F: FnOnce(Api, D) -> Fut + 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
        R: FnOnce(&ApiError, &[FieldError]) -> String + 'static,
    {
        let editor = self.clone();
        let asked = editor.generation.get();
        editor.busy.set(true);
        spawn_local(async move {
            let result = save(editor.console.api.clone(), (*editor.draft).clone()).await;
            editor.busy.set(false);
            if editor.generation.get() != asked {
                // Saved for the key shown before; the screen now shows another.
                return;
            }
            let saved = editor.console.settle(result, |e| {
                let fields = form::field_errors(&e);
                editor.outcome.set(Some((false, refused(&e, &fields))));
                editor.errors.set(fields);
            });
            if let Some(saved) = saved {
                editor.draft.set((editor.of)(&saved));
                editor.errors.set(Vec::new());
                editor.outcome.set(Some((true, said(&saved))));
                editor.stored.set(Stored::Loaded(Rc::new(saved)));
            }
        });
    }

    /// The message for field `name`, if any.
    pub fn error(&self, name: &str) -> Option<String> {
        form::message(&self.errors, name).map(str::to_owned)
    }
}
