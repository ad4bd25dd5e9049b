//! The offer calls of the widget API: the best offer for the host's usage, and what the
//! customer did with it.

use panelcare_model::Lang;
use wasm_bindgen::JsValue;

use super::wire::{self, Offer};
use crate::{
    api::{Api, ApiError},
    wire::Out,
};

/// What the customer did with a drawn offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Impression,
    Click,
    Snooze,
    Dismiss,
}

impl Event {
    fn as_str(self) -> &'static str {
        match self {
            Self::Impression => "impression",
            Self::Click => "click",
            Self::Snooze => "snooze",
            Self::Dismiss => "dismiss",
        }
    }
}

impl Api {
    /// The offer the tenant's rules pick for `usage` (as the host reported it), or none.
    pub async fn best_offer(&self, usage: JsValue, lang: Lang) -> Result<Option<Offer>, ApiError> {
        let body = Out::new()
            .set("usage", usage)
            .set("lang", lang.tag())
            .to_json();
        let answer = self
            .call("POST", "/api/v1/offers", None, Some(body))
            .await?;
        Ok(crate::wire::Obj::new(answer.get("offer")).and_then(|o| wire::offer(&o)))
    }

    /// Reports `event` for the offer of `rule` drawn as `view`; the server counts each view's
    /// event once, so a retry is harmless.
    pub async fn offer_event(
        &self,
        rule: &str,
        variant: &str,
        view: &str,
        event: Event,
    ) -> Result<(), ApiError> {
        let body = Out::new()
            .set("rule", rule)
            .set("variant", variant)
            .set("view", view)
            .set("kind", event.as_str())
            .to_json();
        self.call("POST", "/api/v1/offers/events", None, Some(body))
            .await
            .map(|_| ())
    }
}
