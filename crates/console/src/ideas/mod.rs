//! The console's ideas board: the moderation queue (waiting ideas first), one idea at its
//! own address (publish, hide, edit, status with a public answer, merge a duplicate), the
//! shipped list the widget shows as a changelog, the weekly numbers, and each tenant's board
//! settings. Server side: `crates/server/src/ideas/`; types: `panelcare_model::ideas`.

mod api;
mod idea;
mod numbers;
mod queue;
mod settings;
mod shipped;
mod tabs;
mod text;

pub use idea::IdeaDetail;
pub use numbers::IdeaNumbersView;
pub use queue::IdeasQueue;
pub use settings::IdeaSettingsPage;
pub use shipped::ShippedIdeas;
