//! Which of a screen's reads is the newest, so the answer to an older read (the filters
//! changed meanwhile, or a refresh was slow) never replaces what a newer one shows.

use std::{cell::Cell, rc::Rc};

use yew::prelude::*;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Latest(Rc<Cell<u64>>);

impl Latest {
    /// Starts a read; its number is what [`Latest::is_newest`] is asked with later.
    pub fn start(&self) -> u64 {
        let n = self.0.get() + 1;
        self.0.set(n);
        n
    }

    pub fn is_newest(&self, read: u64) -> bool {
        self.0.get() == read
    }
}

/// One [`Latest`] for the component's lifetime.
#[hook]
pub fn use_latest() -> Latest {
    (*use_state(Latest::default)).clone()
}
