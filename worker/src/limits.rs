//! Per-credential write limits, kept by this isolate (the bucket rule is
//! `hub_domain::Bucket`): one budget per credential across HTTP, MCP and
//! its sockets' messages (objects count socket messages here under the
//! same key). On workerd the Worker and its objects share the isolate; on
//! Cloudflare each isolate counts on its own, so the limit is per
//! credential per isolate: a brake on a runaway agent, not a global quota.

use std::cell::RefCell;
use std::collections::HashMap;

use hub_domain::{Bucket, RateLimit};

use crate::api_error::ApiError;

thread_local! {
    static BUCKETS: RefCell<HashMap<String, Bucket>> = RefCell::new(HashMap::new());
}

/// The budget a caller without a token draws on (a token's is
/// `token:<id>`).
pub fn key_of(caller: &hub_protocol::Caller) -> String {
    match caller {
        hub_protocol::Caller::Human => "human".into(),
        hub_protocol::Caller::Legacy => "legacy".into(),
        other => other.header_value(),
    }
}

/// Counts one write for `key`.
///
/// # Errors
/// 429 with the seconds to wait once the bucket is empty.
pub fn take(key: &str, limit: RateLimit, now_ms: i64) -> Result<(), ApiError> {
    if limit.is_off() {
        return Ok(());
    }
    BUCKETS.with(|buckets| {
        let mut buckets = buckets.borrow_mut();
        if buckets.len() > 10_000 {
            buckets.retain(|_, b| !b.is_full(limit, now_ms));
        }
        buckets
            .entry(key.to_owned())
            .or_insert_with(|| Bucket::full(limit, now_ms))
            .take(limit, now_ms)
            .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs })
    })
}
