//! One file per page.

mod team;

pub use team::TeamPage;
