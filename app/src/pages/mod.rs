//! One file per page.

mod agent;
mod chat;
mod locks;
mod resume;
mod tasks;
mod team;
mod tokens;
mod trace;

pub use agent::AgentPageView;
pub use chat::ChatPage;
pub use locks::LocksPage;
pub use resume::ResumePage;
pub use tasks::TasksPage;
pub use team::TeamPage;
pub use tokens::TokensPage;
pub use trace::TracePage;
