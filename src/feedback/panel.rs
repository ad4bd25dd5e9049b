//! The feedback panel: form on top, the customer's own messages below. Owns the panel's I/O:
//! loading the list, saving the draft, and delivering the outbox.

use gloo::{events::EventListener, timers::callback::Timeout};

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{
    form::FeedbackForm,
    history::History,
    outbox,
    state::{Action, FeedbackState, Notice},
};
use crate::{i18n::use_i18n, session::use_session, storage::Pending};

#[component]
pub fn FeedbackPanel() -> Html {
    let session = use_session();
    let i18n = use_i18n();
    let state = {
        let store = session.store.clone();
        use_reducer(move || FeedbackState::restored(store.draft(), store.outbox()))
    };
    let flushing = use_mut_ref(|| false);
    let retry_timer = use_mut_ref(|| None::<Timeout>);

    let load = {
        let (session, dispatch) = (session.clone(), state.dispatcher());
        Callback::from(move |()| {
            let (session, dispatch) = (session.clone(), dispatch.clone());
            dispatch.dispatch(Action::Loading);
            spawn_local(async move {
                match session.api.list_feedback().await {
                    Ok(items) => dispatch.dispatch(Action::Loaded(items)),
                    Err(_) => dispatch.dispatch(Action::LoadFailed),
                }
            });
        })
    };

    let flush = {
        let (session, dispatch) = (session.clone(), state.dispatcher());
        let (flushing, retry_timer) = (flushing.clone(), retry_timer.clone());
        Callback::from(move |()| {
            // One delivery run at a time; a second request is served by the running one.
            if flushing.replace(true) {
                return;
            }
            retry_timer.borrow_mut().take();
            let (session, dispatch, flushing, retry_timer) = (
                session.clone(),
                dispatch.clone(),
                flushing.clone(),
                retry_timer.clone(),
            );
            spawn_local(async move {
                let next = outbox::flush(&session, &dispatch).await;
                flushing.replace(false);
                if let Some(delay) = next {
                    let dispatch = dispatch.clone();
                    *retry_timer.borrow_mut() = Some(Timeout::new(delay, move || {
                        dispatch.dispatch(Action::RetryDue)
                    }));
                }
            });
        })
    };

    // On mount: load the list and deliver anything left from before a reload. Whenever the
    // browser comes back online, or a retry is due, deliver again.
    {
        let (load, flush) = (load.clone(), flush.clone());
        use_effect_with((), move |_| {
            load.emit(());
            flush.emit(());
            let online = web_sys::window()
                .map(|w| EventListener::new(&w, "online", move |_| flush.emit(())));
            move || drop(online)
        });
    }
    {
        let flush = flush.clone();
        use_effect_with(state.retry_tick, move |tick| {
            if *tick > 0 {
                flush.emit(());
            }
        });
    }
    {
        let retry_timer = retry_timer.clone();
        use_effect_with((), move |_| move || drop(retry_timer.borrow_mut().take()));
    }

    // The draft is saved on every change, so a reload or a closed tab loses nothing.
    {
        let store = session.store.clone();
        use_effect_with(state.draft.clone(), move |draft| store.save_draft(draft));
    }
    let on_change = state.dispatcher().to_callback().reform(Action::Edit);
    let on_submit = {
        let (store, dispatch, flush) = (session.store.clone(), state.dispatcher(), flush.clone());
        let draft = state.draft.clone();
        Callback::from(move |()| {
            let mut body = draft.clone();
            body.page = current_page();
            if let Err(errors) = body.validate() {
                dispatch.dispatch(Action::Invalid(errors));
                return;
            }
            // Into the outbox first: from here on a reload, a crash or a lost connection
            // cannot lose it.
            let item = Pending {
                key: crate::storage::new_key(),
                body,
                queued_at: js_sys::Date::now(),
                attempts: 0,
            };
            store.put_pending(&item);
            dispatch.dispatch(Action::Queued(item));
            flush.emit(());
        })
    };

    let t = i18n.t;
    let notice = state.notice.as_ref().map(|n| match n {
        Notice::Sent => html! { <p class="pc-notice pc-ok">{ t.sent }</p> },
        Notice::Queued => html! { <p class="pc-notice pc-warn">{ t.queued }</p> },
        Notice::Refused(code) => {
            html! { <p class="pc-notice pc-error">{ t.request_error(*code) }</p> }
        }
    });
    html! {
        <section class="pc-panel pc-feedback" aria-labelledby="pc-feedback-title">
            <header class="pc-head">
                <h2 id="pc-feedback-title" class="pc-title">{ t.title }</h2>
                <p class="pc-intro">{ t.intro }</p>
            </header>
            <div class="pc-live" role="status" aria-live="polite">{ notice }</div>
            <FeedbackForm
                draft={state.draft.clone()}
                errors={state.errors.clone()}
                {on_change}
                {on_submit}
            />
            <History
                items={state.items.clone()}
                pending={state.pending.clone()}
                sending={state.sending.clone().map(AttrValue::from)}
                load={state.load}
                on_retry_load={load}
                on_send_now={flush}
                expanded={state.show_all}
                on_show_all={state.dispatcher().to_callback().reform(|()| Action::ShowAll)}
            />
        </section>
    }
}

/// The page the customer is on, without what could identify their session.
fn current_page() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    panelcare_model::feedback::clean_page_url(&href)
}
