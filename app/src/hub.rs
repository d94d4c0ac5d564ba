//! Server side only: reaching the team's coordinator from a server function.

use std::sync::Arc;

use axum::Extension;
use leptos::prelude::ServerFnError;
use serde::de::DeserializeOwned;
use worker::{send::SendFuture, Env};

/// The coordinator object the portal shows (the default team).
const TEAM: &str = "main";

/// `GET path` on the coordinator, decoded as `T`.
///
/// # Errors
/// When the Worker environment is missing, the object is unreachable, or it
/// answers with an error.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ServerFnError> {
    let Extension(env): Extension<Arc<Env>> = leptos_axum::extract().await?;
    let url = format!("https://hub.internal{path}");
    SendFuture::new(async move {
        let stub = env.durable_object("COORDINATOR")?.id_from_name(TEAM)?.get_stub()?;
        let mut res = stub.fetch_with_str(&url).await?;
        if res.status_code() >= 400 {
            return Err(worker::Error::RustError(format!("hub answered {}", res.status_code())));
        }
        res.json::<T>().await
    })
    .await
    .map_err(|e| ServerFnError::new(e.to_string()))
}
