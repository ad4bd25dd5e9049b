//! The ideas screens' own navigation: the queue, the shipped list, the weekly numbers, and
//! (for admins) the board settings, each a link to its address.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::{
    console::use_console,
    route::{Route, RouteLink},
};

#[component]
pub fn IdeasTabs() -> Html {
    let admin = use_console().is_admin();
    let here = use_route::<Route>();
    let tab = |to: Route, label: &'static str| {
        let current = (here.as_ref() == Some(&to)).then_some(AttrValue::from("page"));
        html! { <RouteLink {to} class="c-tab" {current}>{ label }</RouteLink> }
    };
    html! {
        <nav class="c-tabs" aria-label="Ideas">
            { tab(Route::Ideas, "Queue") }
            { tab(Route::IdeasShipped, "Shipped") }
            { tab(Route::IdeasNumbers, "Numbers") }
            if admin {
                { tab(Route::IdeasSettings, "Board settings") }
            }
        </nav>
    }
}
