//! The screen for an address: which feature's page draws it, with the item the address
//! names. Admin pages are drawn for admins only; anyone else gets the not-found screen.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::{
    audit::AuditView,
    branding::BrandingEditor,
    console::use_console,
    data_rights::DataRightsPage,
    detail::Detail,
    inbox::InboxView,
    kb::KbView,
    limits::LimitsPage,
    notices::NoticesView,
    numbers::NumbersView,
    offers::OffersView,
    route::{Route, RouteLink},
    second_factor::SecurityPage,
    team::TeamView,
    tickets::{TicketDetail, TicketQueue, settings::SupportSettings},
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
    let open_suggestion = {
        let navigator = navigator.clone();
        Callback::from(move |id: AttrValue| {
            if let Some(n) = &navigator {
                n.push(&Route::Suggestion { id: id.to_string() });
            }
        })
    };
    match &props.route {
        Route::Home | Route::Tickets => html! { <TicketQueue /> },
        Route::Ticket { id } => html! { <TicketDetail id={AttrValue::from(id.clone())} /> },
        Route::Feedback => html! {
            <InboxView {api} on_open={open_suggestion} {on_signed_out} {provider} />
        },
        Route::Suggestion { id } => html! {
            <Detail {api} id={AttrValue::from(id.clone())} on_back={go(Route::Feedback)} {on_signed_out} />
        },
        Route::Numbers => html! { <NumbersView {api} {on_signed_out} /> },
        Route::Knowledge | Route::Article { .. } => html! { <KbView {api} {on_signed_out} /> },
        Route::Notices | Route::Notice { .. } => html! { <NoticesView {api} {on_signed_out} /> },
        Route::Support => html! { <SupportSettings /> },
        Route::Security => html! { <SecurityPage {api} {on_signed_out} /> },
        Route::Offers | Route::OfferRule { .. } if admin => {
            html! { <OffersView {api} {on_signed_out} /> }
        }
        Route::Branding if admin => html! { <BrandingEditor {api} {on_signed_out} /> },
        Route::Limits if admin => html! { <LimitsPage {api} {on_signed_out} {provider} /> },
        Route::CustomerData if admin => html! { <DataRightsPage {api} {on_signed_out} /> },
        Route::Team | Route::TeamMember { .. } if admin => {
            html! { <TeamView {api} {on_signed_out} {provider} /> }
        }
        Route::Audit if admin => html! { <AuditView {api} {on_signed_out} /> },
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
