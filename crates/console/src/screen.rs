//! The screen for an address: which feature's page draws it, with the item the address
//! names. Admin pages are drawn for admins only; anyone else gets the not-found screen.

use yew::prelude::*;

use crate::{
    agents::TeamView,
    alerts::AlertsPage,
    audit::AuditView,
    branding::BrandingEditor,
    console::use_console,
    data_rights::DataRightsPage,
    feedback::{InboxView, SuggestionDetail},
    ideas::{IdeaDetail, IdeaNumbersView, IdeaSettingsPage, IdeasQueue, ShippedIdeas},
    kb::KbView,
    limits::LimitsPage,
    notices::NoticesView,
    numbers::NumbersView,
    offers::OffersView,
    route::{Route, RouteLink},
    second_factor::SecurityPage,
    tickets::{TicketDetail, TicketQueue, settings::SupportSettings},
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ScreenProps {
    pub route: Route,
}

/// The browser tab's title for a screen: its section's, or the ideas screen's own.
fn title(route: &Route) -> &'static str {
    match route {
        Route::Idea { .. } => return "Idea",
        Route::IdeasShipped => return "Shipped ideas",
        Route::IdeasNumbers => return "Idea numbers",
        Route::IdeasSettings => return "Ideas board settings",
        _ => {}
    }
    match route.section() {
        Route::Tickets => "Tickets",
        Route::Feedback => "Feedback",
        Route::Ideas => "Ideas",
        Route::Numbers => "Numbers",
        Route::Alerts => crate::alerts::lang::texts().nav,
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
    use_effect_with(props.route.clone(), |route| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&format!("{} · panelcare console", title(route)));
        }
    });
    let admin = console.is_admin();
    match &props.route {
        Route::Home | Route::Tickets => html! { <TicketQueue /> },
        Route::Ticket { id } => html! { <TicketDetail id={AttrValue::from(id.clone())} /> },
        Route::Feedback => html! { <InboxView /> },
        Route::Suggestion { id } => html! { <SuggestionDetail id={AttrValue::from(id.clone())} /> },
        Route::Ideas => html! { <IdeasQueue /> },
        Route::Idea { id } => html! { <IdeaDetail id={AttrValue::from(id.clone())} /> },
        Route::IdeasShipped => html! { <ShippedIdeas /> },
        Route::IdeasNumbers => html! { <IdeaNumbersView /> },
        Route::IdeasSettings if admin => html! { <IdeaSettingsPage /> },
        Route::Numbers => html! { <NumbersView /> },
        Route::Alerts => html! { <AlertsPage /> },
        Route::Knowledge => html! { <KbView /> },
        Route::Article { id } => html! { <KbView id={AttrValue::from(id.clone())} /> },
        Route::Notices => html! { <NoticesView /> },
        Route::Notice { id } => html! { <NoticesView id={AttrValue::from(id.clone())} /> },
        Route::Support => html! { <SupportSettings /> },
        Route::Security => html! { <SecurityPage /> },
        Route::Offers if admin => html! { <OffersView /> },
        Route::OfferRule { tenant, id } if admin => html! {
            <OffersView tenant={AttrValue::from(tenant.clone())} rule={AttrValue::from(id.clone())} />
        },
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
