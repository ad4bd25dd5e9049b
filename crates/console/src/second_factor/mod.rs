//! The second factor in the console (server side: `crates/server/src/second_factor/`): the
//! sign-in's second step and the enrolment a tenant can require during it, the Security page
//! where an account turns its own on and off, and the admins' parts on the team screen (the
//! tenant's requirement, a member's reset).

mod api;
mod page;
mod recovery_codes;
mod requirement;
mod reset;
mod setup;
mod sign_in_code;
mod sign_in_enrol;
mod state;
mod turn_off;

pub use api::SignIn;
pub use page::SecurityPage;
pub use recovery_codes::RecoveryCodesView;
pub use requirement::RequirementToggle;
pub use reset::ResetButton;
pub use setup::Setup;
pub use sign_in_code::SecondStep;
pub use sign_in_enrol::EnrolAtSignIn;

/// The id of the code input on every second-factor form, so focus can be put back on it.
pub const CODE_INPUT: &str = "c-2fa-code";
