//! The console's ticket screens: the queue and one ticket (its thread, the composer and the
//! controls beside it); the tenant's ticket settings and canned replies.

mod api;
pub mod canned;
mod composer;
mod detail;
mod queue;
pub mod settings;
mod side;
pub mod text;
mod thread;
mod triage;

use std::{future::Future, pin::Pin, rc::Rc};

use panelcare_model::ticket::console::{AgentThread, Assignee};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::{api::ApiError, console::use_console};
pub use detail::{DetailProps, TicketDetail};
pub use queue::TicketQueue;

/// A call that answers with the whole ticket.
type Pending = Pin<Box<dyn Future<Output = Result<AgentThread, ApiError>>>>;

/// How a change to a ticket went: the ticket as it is now (or why not), and what to tell the
/// agent when it worked.
#[derive(Debug)]
pub struct Done {
    result: Result<AgentThread, ApiError>,
    message: &'static str,
}

impl Done {
    fn new(result: Result<AgentThread, ApiError>, message: &'static str) -> Self {
        Self { result, message }
    }
}

/// Whom tickets may be assigned to, loaded once (empty until it arrives or if it fails: the
/// screens then offer only "me" and "nobody").
#[hook]
fn use_assignees() -> Rc<Vec<Assignee>> {
    let api = use_console().api;
    let people = use_state(|| Rc::new(Vec::new()));
    {
        let people = people.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                if let Ok(list) = api.assignees().await {
                    people.set(Rc::new(list));
                }
            });
        });
    }
    (*people).clone()
}
