//! Notices: what is happening now, what is coming up and what is over, for the tenants in
//! scope; publishing a new one (`/console/notices/new`) or changing one at its address.

use std::rc::Rc;

use panelcare_model::notice::AgentNotice;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::{
    NEW, NoticeForm, Phase,
    group::NoticeGroup,
    state::{Action, Listed, NoticesState},
};
use crate::{
    console::use_console,
    focus,
    route::{self, Route},
    tenants::use_tenants,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NoticesProps {
    /// The notice whose form is open, from the address.
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

#[component]
pub fn NoticesView(props: &NoticesProps) -> Html {
    let console = use_console();
    let navigator = use_navigator();
    let (tenants, _) = use_tenants();
    let tenants = Rc::new((*tenants).clone());
    let state = use_reducer(NoticesState::default);
    {
        let dispatch = state.dispatcher();
        use_effect_with(state.read, move |_| {
            spawn_local(async move {
                let answer = console.api.notices().await;
                if let Some(list) = console.settle(answer, |e| {
                    dispatch.dispatch(Action::Failed(e.message()));
                }) {
                    dispatch.dispatch(Action::Loaded(list));
                }
            });
        });
    }
    {
        let state = state.dispatcher();
        use_effect_with(props.id.clone(), move |id| {
            if id.is_some() {
                state.dispatch(Action::Opened);
            } else {
                // The form and the control that closed it are gone.
                focus::later_if_lost("c-notices-title");
            }
        });
    }
    let go = |to: Route| {
        let navigator = navigator.clone();
        move || route::go(&navigator, &to)
    };
    let on_saved = {
        let (state, back) = (state.dispatcher(), go(Route::Notices));
        Callback::from(move |n: AgentNotice| {
            let said = format!(
                "“{}” saved; the customers it concerns see it in their panel.",
                n.notice.title
            );
            state.dispatch(Action::Changed(
                n.notice.id.clone().into(),
                Some(Rc::new(n)),
                said,
            ));
            back();
        })
    };
    let on_changed = {
        let state = state.dispatcher();
        Callback::from(move |n: AgentNotice| {
            let (id, said) = (
                n.notice.id.clone(),
                format!("“{}” changed.", n.notice.title),
            );
            state.dispatch(Action::Changed(id.clone().into(), Some(Rc::new(n)), said));
            // Ended, it moved to "Over": its title is where the work was.
            focus::later_if_lost(format!("c-n-card-{id}"));
        })
    };
    let on_removed = {
        let state = state.dispatcher();
        Callback::from(move |id: AttrValue| {
            state.dispatch(Action::Changed(id, None, "The notice was removed.".into()));
            focus::later_if_lost("c-notices-title");
        })
    };
    let on_cancel = {
        let back = go(Route::Notices);
        Callback::from(move |()| back())
    };
    let new = {
        let open = go(Route::Notice { id: NEW.into() });
        Callback::from(move |_: MouseEvent| open())
    };
    let form = match props.id.as_deref() {
        None => html! {},
        Some(NEW) => html! {
            <NoticeForm key={NEW} tenants={tenants.clone()} {on_saved} {on_cancel} />
        },
        Some(id) => match (state.notice(id), &state.notices) {
            (Some(n), _) => html! {
                <NoticeForm key={id.to_owned()} tenants={tenants.clone()} notice={n} {on_saved} {on_cancel} />
            },
            (None, Listed::Loaded(_)) => html! {
                <p class="c-error" role="alert">{ "There is no notice at this address: it may have been removed." }</p>
            },
            // Still loading, or the list says why it is not here.
            (None, _) => html! {},
        },
    };
    let group = |all: &Rc<Vec<Rc<AgentNotice>>>, phase, title, empty| {
        html! {
            <NoticeGroup notices={all.clone()} {phase} {title} {empty} tenants={tenants.clone()}
                on_changed={on_changed.clone()} on_removed={on_removed.clone()} />
        }
    };
    let body = match &state.notices {
        Listed::Loading => html! { <p class="c-muted">{ "Loading notices…" }</p> },
        Listed::Failed(m) => html! { <p class="c-error" role="alert">{ m }</p> },
        Listed::Loaded(all) => html! {
            <>
                { group(all, Phase::Current, "Happening now", "Nothing is going on right now.") }
                { group(all, Phase::Upcoming, "Coming up", "No maintenance is planned.") }
                { group(all, Phase::Past, "Over", "No earlier notices.") }
            </>
        },
    };
    html! {
        <section aria-labelledby="c-notices-title">
            <div class="c-head">
                <h1 id="c-notices-title" class="c-title" tabindex="-1">{ "Notices" }</h1>
                if props.id.is_none() {
                    <button type="button" class="c-button" onclick={new}>{ "New notice" }</button>
                }
            </div>
            <p class="c-hint">{ "Customers see current notices, and maintenance up to 14 days ahead, in the notices banner and above their tickets." }</p>
            if let Some(m) = &state.said {
                <p class="c-ok" role="status">{ m }</p>
            }
            { form }
            { body }
        </section>
    }
}
