//! Per-credential write limits, kept by this isolate (the bucket rule is
//! `hub_domain::Bucket`). On Cloudflare each isolate counts on its own, so
//! the limit is per credential per isolate: a brake on a runaway agent,
//! not a global quota.

use std::cell::RefCell;
use std::collections::HashMap;

use hub_domain::{Bucket, RateLimit};

use crate::api_error::ApiError;

thread_local! {
    static BUCKETS: RefCell<HashMap<String, Bucket>> = RefCell::new(HashMap::new());
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

/// Whether `key` could write now, without counting anything.
pub fn has_room(key: &str, limit: RateLimit, now_ms: i64) -> bool {
    limit.is_off() || BUCKETS.with(|b| b.borrow().get(key).is_none_or(|bucket| bucket.has_room(limit, now_ms)))
}
