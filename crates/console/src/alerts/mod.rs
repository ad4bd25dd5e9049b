//! Alerts on unhappy customers in the console: the navigation's link with the count of low
//! ratings nobody has looked at yet ([`AlertsLink`], which also tells the server when an
//! agent opens a suggestion or ticket), the list of low ratings ([`AlertsPage`]), and their
//! figure on the numbers page ([`figure`]). Their texts follow the browser's language
//! (English, Russian or Serbian, [`lang`]).

mod api;
mod badge;
pub mod figure;
pub mod lang;
mod page;
mod row;

pub use badge::AlertsLink;
pub use page::AlertsPage;
