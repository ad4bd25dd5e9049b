//! Who the widget works for: the API client, the customer's local storage and language,
//! shared with every component through one context.

use yew::prelude::*;

use crate::{api::Api, i18n::I18n, storage::Store};

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub api: Api,
    pub store: Store,
    pub i18n: I18n,
}

/// The session of the widget this component is in. Components are only ever rendered
/// inside [`crate::app::Widget`], which provides it.
#[hook]
pub fn use_session() -> Session {
    #[allow(clippy::expect_used)]
    use_context::<Session>().expect("rendered inside Widget")
}
