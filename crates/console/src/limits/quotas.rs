//! The upload quotas: how many megabytes one customer account may have uploaded and not yet
//! sent, and may upload in a day. The model counts bytes; people think in MB.

use std::rc::Rc;

use panelcare_model::{FieldError, limits::Limits};
use yew::prelude::*;

use super::state::{Edit, Quota, from_mb, to_mb};
use crate::form::{self, described_by};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct QuotasProps {
    pub limits: Rc<Limits>,
    pub errors: Rc<Vec<FieldError>>,
    pub editable: bool,
    pub on_edit: Callback<Edit>,
}

#[component]
pub fn Quotas(props: &QuotasProps) -> Html {
    let quota = |quota: Quota| {
        let id = format!("c-l-{}", quota.field().replace('_', "-"));
        let error = form::message(&props.errors, quota.field());
        let bytes = match quota {
            Quota::Waiting => props.limits.upload_waiting_bytes,
            Quota::Daily => props.limits.upload_daily_bytes,
        };
        let oninput = props.on_edit.reform(move |e: InputEvent| Edit::Quota {
            quota,
            bytes: from_mb(&form::input_value(&e)),
        });
        let control = html! {
            <input id={id.clone()} type="number" min="1" max="102400" step="1" value={to_mb(bytes)}
                readonly={!props.editable} {oninput} aria-invalid={error.map(|_| "true")}
                aria-describedby={described_by(&id, false, error.is_some())} />
        };
        form::field(&id, quota.label(), control, None, error)
    };
    html! {
        <fieldset class="c-fieldset c-quotas">
            <legend>{ "Upload quotas" }</legend>
            { quota(Quota::Waiting) }
            { quota(Quota::Daily) }
        </fieldset>
    }
}
