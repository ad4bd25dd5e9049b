//! The screen for an address: which feature's page draws it, with the item the address
//! names. Admin pages are drawn for admins only; anyone else gets the not-found screen.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::{
    agents::TeamView,
    audit::AuditView,
    branding::BrandingEditor,
    console::use_console,
    data_rights::DataRightsPage,
    feedback::{InboxView, SuggestionDetail},
    kb::KbView,
    limits::LimitsPage,
    notices::NoticesView,
    numbers::NumbersView,
    offers::OffersView,
    route::{Route, RouteLink},
    second_factor::SecurityPage,
    support::SupportSettings,
    tickets::{TicketDetail, TicketQueue},
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ScreenProps {
    pub route: Route,
}

/// The browser tab's title for a section.
fn title(route: &Route) -> &'static str {
    match route.section() {
        Route::Tickets => "Tickets",
        Route::Feedback => "Feedback",
        Route::Numbers => "Numbers",
        Route::Knowledge => "Knowledge base",
        Route::Notices => "Notices",
        Route::Support => "Support settings",
        Route::Security => "Security",
        Route::Offers => "Offers",
        Route::Branding => "Branding",
        Route::Limits => "Limits",
        Route::CustomerData => "Customer data",
        Route::Team => "Team and keys",
        Route::Audit => "Audit log",
        _ => "Not found",
    }
}

#[component]
pub fn Screen(props: &ScreenProps) -> Html {
    let console = use_console();
    let navigator = use_navigator();
    use_effect_with(props.route.clone(), |route| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&format!("{} · panelcare console", title(route)));
        }
    });
    let go = |to: Route| {
        let navigator = navigator.clone();
        Callback::from(move |_| {
            if let Some(n) = &navigator {
                n.push(&to);
            }
        })
    };
    let (api, on_signed_out) = (
        console.api.clone(),
        Callback::from({
            let console = console.clone();
            move |()| console.sign_out()
        }),
    );
    let admin = console.is_admin();
    let provider = console.is_provider();
    let me = AttrValue::from(console.agent().id.clone());
    let open_ticket = {
        let navigator = navigator.clone();
        Callback::from(move |id: AttrValue| {
            if let Some(n) = &navigator {
                n.push(&Route::Ticket { id: id.to_string() });
            }
        })
    };
    match &props.route {
        Route::Home | Route::Tickets => html! {
            <TicketQueue {api} on_open={open_ticket} {on_signed_out} {provider} />
        },
        Route::Ticket { id } => html! {
            <TicketDetail {api} id={AttrValue::from(id.clone())} {me} on_back={go(Route::Tickets)} {on_signed_out} />
        },
        Route::Feedback => html! { <InboxView /> },
        Route::Suggestion { id } => html! { <SuggestionDetail id={AttrValue::from(id.clone())} /> },
        Route::Numbers => html! { <NumbersView /> },
        Route::Knowledge => html! { <KbView /> },
        Route::Article { id } => html! { <KbView id={AttrValue::from(id.clone())} /> },
        Route::Notices => html! { <NoticesView /> },
        Route::Notice { id } => html! { <NoticesView id={AttrValue::from(id.clone())} /> },
        Route::Support => html! { <SupportSettings {api} {on_signed_out} {admin} /> },
        Route::Security => html! { <SecurityPage /> },
        Route::Offers if admin => html! { <OffersView /> },
        Route::OfferRule { id } if admin => {
            html! { <OffersView rule={AttrValue::from(id.clone())} /> }
        }
        Route::Branding if admin => html! { <BrandingEditor /> },
        Route::Limits if admin => html! { <LimitsPage /> },
        Route::CustomerData if admin => html! { <DataRightsPage /> },
        Route::Team if admin => html! { <TeamView /> },
        Route::TeamMember { id } if admin => {
            html! { <TeamView member={AttrValue::from(id.clone())} /> }
        }
        Route::Audit if admin => html! { <AuditView /> },
        _ => html! { <NotFound /> },
    }
}

/// An address the console does not have, or a page the account's role does not open.
#[component]
fn NotFound() -> Html {
    html! {
        <section class="c-card">
            <h1 class="c-title">{ "Nothing here" }</h1>
            <p>{ "This address is not a console page, or it is not open to your role." }</p>
            <p><RouteLink to={Route::Tickets} class="c-link">{ "Go to the tickets" }</RouteLink></p>
        </section>
    }
}
