//! Locks on paths: lock, unlock, renew, check, history.

use hub_protocol::*;

use crate::{text, HubClient, HubError};

type Result<T> = std::result::Result<T, HubError>;

impl HubClient {
    pub(crate) fn lock_path(path: &str, action: &str) -> Result<String> {
        let p = ResourcePath::parse(path).map_err(|e| HubError::Invalid(format!("path {e}")))?;
        Ok(format!("/lock/{}/{action}", p.to_segment()))
    }

    /// Locks `path` for this agent. A lock held by another agent is
    /// `Err(HubError::Api { status: 409, .. })`; with `wait`, a queued
    /// request answers `Ok` with `queued: Some(true)`.
    ///
    /// ```no_run
    /// # async fn d(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let grant = hub.lock("src/main.rs", Some(600_000), false, Some("refactor")).await?;
    /// println!("fencing token {}", grant.lock.unwrap().fencing_token);
    /// # Ok(()) }
    /// ```
    pub async fn lock(&self, path: &str, ttl_ms: Option<i64>, wait: bool, reason: Option<&str>) -> Result<LockGrant> {
        let body = LockRequest {
            agent_id: self.me()?,
            reason: reason.map(|r| text(r, "reason")).transpose()?,
            resource_type: None,
            ttl_ms,
            wait,
        };
        self.post(&Self::lock_path(path, "lock")?, &body).await
    }

    /// Releases a lock (`force` releases another agent's, recorded as stolen).
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// hub.unlock("src/main.rs", false).await?;
    /// # Ok(()) }
    /// ```
    pub async fn unlock(&self, path: &str, force: bool) -> Result<UnlockResponse> {
        self.post(&Self::lock_path(path, "unlock")?, &UnlockRequest { agent_id: self.me()?, force }).await
    }

    /// The holder's heartbeat: pushes the expiry out.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// hub.renew("src/main.rs", Some(600_000)).await?;
    /// # Ok(()) }
    /// ```
    pub async fn renew(&self, path: &str, ttl_ms: Option<i64>) -> Result<LockGrant> {
        self.post(&Self::lock_path(path, "renew")?, &RenewRequest { agent_id: self.me()?, ttl_ms }).await
    }

    /// Whether a path is locked, by whom, and who waits.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// if hub.check("src/main.rs").await?.locked { println!("busy"); }
    /// # Ok(()) }
    /// ```
    pub async fn check(&self, path: &str) -> Result<LockStatus> {
        self.get(&Self::lock_path(path, "check")?).await
    }

    /// The last 50 grants of a path.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let h = hub.lock_history("src/main.rs").await?;
    /// # Ok(()) }
    /// ```
    pub async fn lock_history(&self, path: &str) -> Result<LockHistory> {
        self.get(&Self::lock_path(path, "history")?).await
    }
}
