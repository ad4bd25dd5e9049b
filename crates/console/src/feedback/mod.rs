//! The console's feedback screens: the inbox of suggestions customers send, and one
//! suggestion with its status, the public answer and the agents' internal notes.

mod answer;
mod api;
mod detail;
mod inbox;
mod inbox_row;
mod notes;
mod status;

use panelcare_model::console::InboxDetail;

use crate::api::ApiError;
pub use detail::SuggestionDetail;
pub use inbox::InboxView;
use inbox_row::InboxRow;

/// How a change to a suggestion went: the suggestion as it is now (or why not), and what to
/// tell the agent when it worked.
#[derive(Debug)]
pub struct Done {
    result: Result<InboxDetail, ApiError>,
    said: &'static str,
}

impl Done {
    fn new(result: Result<InboxDetail, ApiError>, said: &'static str) -> Self {
        Self { result, said }
    }
}
