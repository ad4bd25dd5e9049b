//! The console's frame: checks the session, then shows sign-in, the inbox or one suggestion.

use std::rc::Rc;

use panelcare_model::console::SessionInfo;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use panelcare_model::console::Role;

use crate::{
    api::Api,
    audit::AuditView,
    branding::BrandingEditor,
    data_rights::DataRightsPage,
    detail::Detail,
    inbox::InboxView,
    kb::KbView,
    limits::LimitsPage,
    login::Login,
    notices::NoticesView,
    numbers::NumbersView,
    offers::OffersView,
    password_reset::{self, NewPassword},
    second_factor::SecurityPage,
    support::SupportSettings,
    team::TeamView,
    text,
    tickets::{TicketDetail, TicketQueue},
};

/// The console's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    Tickets,
    Inbox,
    Numbers,
    Knowledge,
    Notices,
    Support,
    Offers,
    Branding,
    Limits,
    CustomerData,
    Team,
    Audit,
    Security,
}

#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Checking,
    SignedOut,
    SignedIn(Rc<SessionInfo>),
}

#[component]
pub fn App() -> Html {
    let stage = use_state(|| Stage::Checking);
    // The suggestion open in the detail view, if any.
    let open = use_state(|| None::<AttrValue>);
    let page = use_state(|| Page::Tickets);
    {
        let stage = stage.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                stage.set(match Api::me().await {
                    Ok(s) => Stage::SignedIn(Rc::new(s)),
                    Err(_) => Stage::SignedOut,
                });
            });
        });
    }
    let on_signed_in = {
        let stage = stage.clone();
        Callback::from(move |s: SessionInfo| stage.set(Stage::SignedIn(Rc::new(s))))
    };
    let on_signed_out = {
        let (stage, open) = (stage.clone(), open.clone());
        Callback::from(move |()| {
            open.set(None);
            stage.set(Stage::SignedOut);
        })
    };
    match &*stage {
        Stage::Checking => {
            html! { <main class="c-main"><p class="c-muted">{ "Loading…" }</p></main> }
        }
        Stage::SignedOut => match password_reset::token_in_address() {
            // Opened through a reset link: choose the password first, then sign in.
            Some(token) => {
                let stage = stage.clone();
                html! {
                    <NewPassword token={AttrValue::from(token)}
                        on_done={Callback::from(move |()| stage.set(Stage::SignedOut))} />
                }
            }
            None => html! { <Login {on_signed_in} /> },
        },
        Stage::SignedIn(session) => {
            let api = Api {
                csrf: session.csrf_token.clone().into(),
            };
            let sign_out = {
                let (api, on_signed_out) = (api.clone(), on_signed_out.clone());
                Callback::from(move |_: MouseEvent| {
                    let (api, on_signed_out) = (api.clone(), on_signed_out.clone());
                    spawn_local(async move {
                        let _ = api.logout().await;
                        on_signed_out.emit(());
                    });
                })
            };
            let on_open = {
                let open = open.clone();
                Callback::from(move |id: AttrValue| open.set(Some(id)))
            };
            let on_back = {
                let open = open.clone();
                Callback::from(move |()| open.set(None))
            };
            let agent = &session.agent;
            let admin = agent.role != Role::Agent;
            let go = |to: Page| {
                let (page, open) = (page.clone(), open.clone());
                Callback::from(move |_: MouseEvent| {
                    open.set(None);
                    page.set(to);
                })
            };
            let current = |p: Page| (*page == p).then_some("page");
            html! {
                <>
                    <header class="c-top">
                        <span class="c-brand">{ "panelcare console" }</span>
                        <nav class="c-nav" aria-label="Console">
                            <button type="button" class="c-nav-link" aria-current={current(Page::Tickets)} onclick={go(Page::Tickets)}>{ "Tickets" }</button>
                            <button type="button" class="c-nav-link" aria-current={current(Page::Inbox)} onclick={go(Page::Inbox)}>{ "Feedback" }</button>
                            <button type="button" class="c-nav-link" aria-current={current(Page::Numbers)} onclick={go(Page::Numbers)}>{ "Numbers" }</button>
                            <button type="button" class="c-nav-link" aria-current={current(Page::Knowledge)} onclick={go(Page::Knowledge)}>{ "Knowledge base" }</button>
                            <button type="button" class="c-nav-link" aria-current={current(Page::Notices)} onclick={go(Page::Notices)}>{ "Notices" }</button>
                            <button type="button" class="c-nav-link" aria-current={current(Page::Support)} onclick={go(Page::Support)}>{ "Support settings" }</button>
                            <button type="button" class="c-nav-link" aria-current={current(Page::Security)} onclick={go(Page::Security)}>{ "Security" }</button>
                            if admin {
                                <button type="button" class="c-nav-link" aria-current={current(Page::Offers)} onclick={go(Page::Offers)}>{ "Offers" }</button>
                                <button type="button" class="c-nav-link" aria-current={current(Page::Branding)} onclick={go(Page::Branding)}>{ "Branding" }</button>
                                <button type="button" class="c-nav-link" aria-current={current(Page::Limits)} onclick={go(Page::Limits)}>{ "Limits" }</button>
                                <button type="button" class="c-nav-link" aria-current={current(Page::CustomerData)} onclick={go(Page::CustomerData)}>{ "Customer data" }</button>
                                <button type="button" class="c-nav-link" aria-current={current(Page::Team)} onclick={go(Page::Team)}>{ "Team and keys" }</button>
                                <button type="button" class="c-nav-link" aria-current={current(Page::Audit)} onclick={go(Page::Audit)}>{ "Audit log" }</button>
                            }
                        </nav>
                        <span class="c-who">
                            <strong>{ &agent.name }</strong>
                            { format!(" · {} · {}", text::role(agent.role), agent.tenant_name) }
                        </span>
                        <button type="button" class="c-button c-ghost" onclick={sign_out}>{ "Sign out" }</button>
                    </header>
                    <main class="c-main">
                        if *page == Page::Numbers {
                            <NumbersView api={api.clone()} on_signed_out={on_signed_out.clone()} />
                        } else if *page == Page::Knowledge {
                            <KbView api={api.clone()} on_signed_out={on_signed_out.clone()} />
                        } else if *page == Page::Notices {
                            <NoticesView api={api.clone()} on_signed_out={on_signed_out.clone()} />
                        } else if *page == Page::Support {
                            <SupportSettings api={api.clone()} on_signed_out={on_signed_out.clone()} {admin} />
                        } else if *page == Page::Security {
                            <SecurityPage api={api.clone()} on_signed_out={on_signed_out.clone()} />
                        } else if *page == Page::Audit && admin {
                            <AuditView api={api.clone()} on_signed_out={on_signed_out.clone()} />
                        } else if *page == Page::Team && admin {
                            <TeamView api={api.clone()} on_signed_out={on_signed_out.clone()} provider={agent.role == Role::ProviderAdmin} />
                        } else if *page == Page::Offers && admin {
                            <OffersView api={api.clone()} on_signed_out={on_signed_out.clone()} />
                        } else if *page == Page::Branding && admin {
                            <BrandingEditor api={api.clone()} on_signed_out={on_signed_out.clone()} />
                        } else if *page == Page::Limits && admin {
                            <LimitsPage api={api.clone()} on_signed_out={on_signed_out.clone()} provider={agent.role == Role::ProviderAdmin} />
                        } else if *page == Page::CustomerData && admin {
                            <DataRightsPage api={api.clone()} on_signed_out={on_signed_out.clone()} />
                        } else if *page == Page::Tickets {
                            if let Some(id) = &*open {
                                <TicketDetail api={api.clone()} id={id.clone()} me={AttrValue::from(agent.id.clone())} {on_back} on_signed_out={on_signed_out.clone()} />
                            } else {
                                <TicketQueue api={api.clone()} {on_open} {on_signed_out} provider={agent.role == Role::ProviderAdmin} />
                            }
                        } else if let Some(id) = &*open {
                            <Detail api={api.clone()} id={id.clone()} {on_back} on_signed_out={on_signed_out.clone()} />
                        } else {
                            <InboxView api={api.clone()} {on_open} {on_signed_out} provider={agent.role == Role::ProviderAdmin} />
                        }
                    </main>
                </>
            }
        }
    }
}
