//! The hub's HTTP and WebSocket API, driven for real on workerd.
//! One module per feature.

mod agent_state;
mod agents;
mod attention;
mod bad_input;
mod body_limits;
mod chat;
mod compat_switch;
mod coordination;
mod crash;
mod delivery;
mod edge;
mod fuzz;
mod hardening;
mod health;
mod history;
mod humans;
mod isolation;
mod joining;
mod locks;
mod mcp_stateless;
mod resume;
mod retention;
mod roles;
mod runtime;
mod scheduler;
mod search;
mod security;
mod settings;
mod sockets;
mod tasks;
mod teams;
mod webhooks;
mod websocket;
mod work;
mod work_graph;
