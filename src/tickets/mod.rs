//! The ticket widget (`data-panelcare="tickets"`): the customer's tickets with their status
//! and promise, a thread view, the new-ticket form with self-service suggestions, and the
//! service notices on top.

pub mod api;
mod conversation;
mod draft;
mod files;
mod focus;
mod kb;
mod list;
mod new;
pub mod notices;
mod promise;
mod thread;
mod upsell;
pub mod wire;

use std::rc::Rc;

use panelcare_model::{
    notice::Notice,
    ticket::{TicketList, TicketOptions},
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::session::use_session;
use focus::focus_soon;
use new::NewTicket;
use thread::Thread;

#[derive(Debug, Clone, PartialEq)]
enum View {
    List,
    New,
    Thread(AttrValue),
}

#[component]
pub fn TicketsPanel() -> Html {
    let session = use_session();
    let t = session.i18n.t;
    // A ticket half written before a reload is where the customer left off.
    let view = {
        let store = session.store.clone();
        use_state(move || match store.read(draft::NEW_TICKET) {
            Some(_) => View::New,
            None => View::List,
        })
    };
    // Moving between list, form and thread removes the button just pressed: focus goes to
    // the top of the panel rather than back to the page (and never on load).
    let panel = use_node_ref();
    // A word for the customer above the list after something happened on the way there.
    let flash = use_state(|| None::<&'static str>);
    let go = {
        let (view, panel, flash) = (view.clone(), panel.clone(), flash.clone());
        move |to: View| {
            view.set(to);
            flash.set(None);
            focus_soon(&panel, "");
        }
    };
    let list = use_state(|| None::<Result<Rc<TicketList>, ()>>);
    let options = use_state(|| None::<Rc<TicketOptions>>);
    // A page that has its own notices banner gets them there; the list does not repeat them.
    let banner_on_page = use_memo((), |_| {
        gloo::utils::document()
            .query_selector("[data-panelcare=notices]")
            .ok()
            .flatten()
            .is_some()
    });
    // Without a banner the notices go above the list, asked for beside it and drawn with it:
    // arriving on their own they would push the list down. Failing, they are left out.
    let notices = {
        let ready = *banner_on_page;
        use_state(move || ready.then(Vec::<Notice>::new).map(Rc::new))
    };
    let reload = {
        let (api, list) = (session.api.clone(), list.clone());
        Callback::from(move |()| {
            let (api, list) = (api.clone(), list.clone());
            spawn_local(async move {
                list.set(Some(
                    api.list_tickets(None).await.map(Rc::new).map_err(|_| ()),
                ));
            });
        })
    };
    // The next older page, added below the ones shown.
    let more = {
        let (api, list) = (session.api.clone(), list.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(Ok(shown)) = &*list else { return };
            let Some(next) = shown.next.clone() else {
                return;
            };
            let (api, list, shown) = (api.clone(), list.clone(), shown.clone());
            spawn_local(async move {
                if let Ok(page) = api.list_tickets(Some(&next)).await {
                    let mut items = shown.items.clone();
                    items.extend(page.items);
                    list.set(Some(Ok(Rc::new(TicketList { items, ..page }))));
                }
            });
        })
    };
    {
        let (api, options, reload) = (session.api.clone(), options.clone(), reload.clone());
        let notices = notices.clone();
        let lang = session.i18n.lang;
        use_effect_with((), move |_| {
            reload.emit(());
            if notices.is_none() {
                // Slow notices hold the list back for a second and a half at most; arriving
                // later, they still show (above it).
                let waited = notices.clone();
                let timer = gloo::timers::callback::Timeout::new(1500, move || {
                    waited.set(Some(Rc::default()));
                });
                let api = api.clone();
                spawn_local(async move {
                    let found = api.notices().await.unwrap_or_default();
                    drop(timer);
                    notices.set(Some(Rc::new(found)));
                });
            }
            spawn_local(async move {
                if let Ok(o) = api.ticket_options(lang).await {
                    options.set(Some(Rc::new(o)));
                }
            });
        });
    }
    let open = {
        let go = go.clone();
        Callback::from(move |id: String| go(View::Thread(id.into())))
    };
    let on_back = {
        let go = go.clone();
        Callback::from(move |()| go(View::List))
    };
    let on_opened = {
        let (go, reload) = (go.clone(), reload.clone());
        Callback::from(move |id: String| {
            reload.emit(());
            go(View::Thread(id.into()));
        })
    };
    let on_duplicate = {
        let (go, reload, flash) = (go.clone(), reload.clone(), flash.clone());
        Callback::from(move |()| {
            reload.emit(());
            go(View::List);
            flash.set(Some(t.ticket_already_open));
        })
    };
    let max_files = options.as_ref().map_or(5, |o| o.max_files);
    let body = match &*view {
        View::Thread(id) => {
            // Keyed: another ticket is another reply draft, never this one's carried over.
            html! { <Thread key={id.to_string()} id={id.clone()} {on_back} on_changed={reload.clone()} {max_files} /> }
        }
        View::New => match &*options {
            Some(o) => {
                html! { <NewTicket options={o.clone()} {on_opened} {on_back} {on_duplicate} /> }
            }
            None => html! { <p class="pc-muted" role="status">{ t.loading }</p> },
        },
        // Nothing of the list until the notices are in too: one draw, nothing pushed. Keyed,
        // so the list's first paragraph is a new one rather than this one moved down.
        View::List if notices.is_none() => {
            html! { <p class="pc-muted" role="status" key="loading">{ t.loading }</p> }
        }
        View::List => {
            let new = {
                let go = go.clone();
                Callback::from(move |_: MouseEvent| go(View::New))
            };
            let notices = notices.as_deref().map_or(&[][..], |n| n.as_slice());
            html! {
                <>
                    { notices::inline(session.i18n, notices) }
                    if let Some(m) = *flash {
                        <p class="pc-notice pc-ok" role="status">{ m }</p>
                    }
                    <p class="pc-actions"><button type="button" class="pc-button pc-primary" onclick={new}>{ t.tickets_new }</button></p>
                    { match &*list {
                        None => html! { <p class="pc-muted" role="status">{ t.loading }</p> },
                        Some(Err(())) => {
                            let retry = reload.reform(|_: MouseEvent| ());
                            html! { <p class="pc-alert" role="alert">{ t.tickets_failed }{ " " }<button type="button" class="pc-link" onclick={retry}>{ t.retry }</button></p> }
                        }
                        Some(Ok(page)) => list::ticket_list(session.i18n, page, &open, more),
                    } }
                </>
            }
        }
    };
    html! {
        <section class="pc-panel pc-tickets-panel" aria-labelledby="pc-tickets-title" tabindex="-1" ref={panel}>
            <header class="pc-head">
                <h2 id="pc-tickets-title" class="pc-title">{ t.tickets_title }</h2>
                <p class="pc-intro">{ t.tickets_intro }</p>
            </header>
            { body }
        </section>
    }
}
