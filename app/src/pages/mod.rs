//! One file per page.

mod agent;
mod chat;
mod coordination;
mod locks;
mod needs_you;
mod resume;
mod search;
mod task;
mod tasks;
mod team;
mod teams;
mod tokens;
mod trace;
mod webhooks;

pub use agent::AgentPageView;
pub use chat::ChatPage;
pub use coordination::CoordinationPage;
pub use locks::LocksPage;
pub use resume::ResumePage;
pub use search::SearchPage;
pub use task::TaskPage;
pub use tasks::TasksPage;
pub use team::TeamPage;
pub use teams::TeamsPage;
pub use tokens::TokensPage;
pub use trace::TracePage;
pub use webhooks::WebhooksPage;
