//! Who the widget works for: the API client and the customer's local storage, shared with
//! every component through context.

use yew::prelude::*;

use crate::{api::Api, storage::Store};

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub api: Api,
    pub store: Store,
}

/// The session of the widget this component is in. Components are only ever rendered
/// inside [`crate::app::Widget`], which provides it.
#[hook]
pub fn use_session() -> Session {
    #[allow(clippy::expect_used)]
    use_context::<Session>().expect("rendered inside Widget")
}
