//! The console's addresses: every screen, and every ticket, suggestion, idea, article,
//! notice, offer rule and team member, has one, so back, forward, reload and links from e-mails
//! work. The server answers each with the console's page (`StaticFiles::with_app_routes`).

use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Routable)]
pub enum Route {
    /// The console's front page: the ticket queue.
    #[at("/console/")]
    Home,
    #[at("/console/tickets")]
    Tickets,
    /// Also `panelcare_model::console::ticket_path`, which e-mails link to.
    #[at("/console/tickets/:id")]
    Ticket { id: String },
    #[at("/console/feedback")]
    Feedback,
    /// Also `panelcare_model::console::suggestion_path`.
    #[at("/console/feedback/:id")]
    Suggestion { id: String },
    /// The ideas board's moderation queue.
    #[at("/console/ideas")]
    Ideas,
    /// The changelog the widget shows: shipped ideas.
    #[at("/console/ideas/shipped")]
    IdeasShipped,
    #[at("/console/ideas/numbers")]
    IdeasNumbers,
    /// A tenant's board settings, for admins.
    #[at("/console/ideas/settings")]
    IdeasSettings,
    /// An idea's id is a UUID, never one of the fixed names above (which win anyway).
    #[at("/console/ideas/:id")]
    Idea { id: String },
    #[at("/console/numbers")]
    Numbers,
    /// Low ratings: the unseen ones, then the recent ones someone has looked at.
    #[at("/console/alerts")]
    Alerts,
    #[at("/console/kb")]
    Knowledge,
    #[at("/console/kb/:id")]
    Article { id: String },
    #[at("/console/notices")]
    Notices,
    #[at("/console/notices/:id")]
    Notice { id: String },
    #[at("/console/support")]
    Support,
    #[at("/console/security")]
    Security,
    #[at("/console/offers")]
    Offers,
    /// A rule is one tenant's: the address names the tenant, so a link to a reseller's rule
    /// opens that reseller's rules, not the first tenant's.
    #[at("/console/offers/:tenant/rules/:id")]
    OfferRule { tenant: String, id: String },
    #[at("/console/branding")]
    Branding,
    #[at("/console/limits")]
    Limits,
    #[at("/console/customer-data")]
    CustomerData,
    #[at("/console/team")]
    Team,
    #[at("/console/team/:id")]
    TeamMember { id: String },
    #[at("/console/audit")]
    Audit,
    #[not_found]
    #[at("/console/not-found")]
    NotFound,
}

impl Route {
    /// The screen a route belongs to, for the navigation's "you are here".
    pub fn section(&self) -> Route {
        match self {
            Self::Home | Self::Ticket { .. } => Self::Tickets,
            Self::Suggestion { .. } => Self::Feedback,
            Self::Idea { .. } | Self::IdeasShipped | Self::IdeasNumbers | Self::IdeasSettings => {
                Self::Ideas
            }
            Self::Article { .. } => Self::Knowledge,
            Self::Notice { .. } => Self::Notices,
            Self::OfferRule { .. } => Self::Offers,
            Self::TeamMember { .. } => Self::Team,
            other => other.clone(),
        }
    }
}

/// A click that the browser should handle itself: a new tab or window, a download.
fn opens_elsewhere(e: &MouseEvent) -> bool {
    e.button() != 0 || e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key()
}

/// Goes to `to` (nothing outside a router, as in a component test without one).
pub fn go(navigator: &Option<Navigator>, to: &Route) {
    if let Some(n) = navigator {
        n.push(to);
    }
}

/// Goes to `to` in the app, unless the click asks the browser for a new tab or window.
pub fn follow(navigator: Option<Navigator>, to: Route) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        if opens_elsewhere(&e) || navigator.is_none() {
            return;
        }
        e.prevent_default();
        go(&navigator, &to);
    })
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct RouteLinkProps {
    pub to: Route,
    #[prop_or_default]
    pub class: Classes,
    /// `aria-current` when this link is where the agent is.
    #[prop_or_default]
    pub current: Option<AttrValue>,
    pub children: Html,
}

/// A real link (`href`, opens in a new tab on a middle click) that the app follows itself.
#[component]
pub fn RouteLink(props: &RouteLinkProps) -> Html {
    let onclick = follow(use_navigator(), props.to.clone());
    html! {
        <a class={props.class.clone()} href={props.to.to_path()} aria-current={props.current.clone()} {onclick}>
            { props.children.clone() }
        </a>
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NavLinkProps {
    pub to: Route,
    pub children: Html,
}

/// A link in the console's navigation, marked as the current page when its section is open.
#[component]
pub fn NavLink(props: &NavLinkProps) -> Html {
    let here = use_route::<Route>().map(|r| r.section());
    let current = (here.as_ref() == Some(&props.to)).then_some(AttrValue::from("page"));
    html! {
        <RouteLink to={props.to.clone()} class="c-nav-link" {current}>{ props.children.clone() }</RouteLink>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// E-mails and webhooks build these addresses on the server; the router must serve them.
    #[test]
    fn the_model_s_links_are_routes() {
        let id = "0b7e2f7c-1c1e-4c5e-9d5a-2a7f6f0e9b11";
        assert_eq!(
            Route::Ticket { id: id.into() }.to_path(),
            panelcare_model::console::ticket_path(id)
        );
        assert_eq!(
            Route::Suggestion { id: id.into() }.to_path(),
            panelcare_model::console::suggestion_path(id)
        );
        assert_eq!(
            Route::recognize(&panelcare_model::console::ticket_path(id)),
            Some(Route::Ticket { id: id.into() })
        );
    }

    /// The ideas screens' fixed addresses are not read as an idea's id.
    #[test]
    fn the_ideas_pages_are_not_ideas() {
        for (path, route) in [
            ("/console/ideas", Route::Ideas),
            ("/console/ideas/shipped", Route::IdeasShipped),
            ("/console/ideas/numbers", Route::IdeasNumbers),
            ("/console/ideas/settings", Route::IdeasSettings),
        ] {
            assert_eq!(Route::recognize(path), Some(route.clone()), "{path}");
            assert_eq!(route.section(), Route::Ideas);
        }
        let id = "4a0c6d0e-5d3e-4f57-9d7e-0b1f3c2a9e11";
        assert_eq!(
            Route::recognize(&format!("/console/ideas/{id}")),
            Some(Route::Idea { id: id.into() })
        );
    }
}
