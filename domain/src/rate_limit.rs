//! Per-credential write limits: a token bucket per key, refilled
//! continuously. The Worker keeps the buckets; the arithmetic lives here so
//! it is tested with a fixed clock.

/// `burst` writes at once, then `per_sec` a second.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    pub burst: f64,
    pub per_sec: f64,
}

impl RateLimit {
    /// Off when either figure is zero or less.
    pub fn is_off(&self) -> bool {
        self.burst <= 0.0 || self.per_sec <= 0.0
    }
}

impl Default for RateLimit {
    fn default() -> Self {
        Self { burst: 60.0, per_sec: 10.0 }
    }
}

/// One key's bucket.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bucket {
    tokens: f64,
    updated_ms: i64,
}

impl Bucket {
    pub fn full(limit: RateLimit, now_ms: i64) -> Self {
        Self { tokens: limit.burst, updated_ms: now_ms }
    }

    /// Takes one write.
    ///
    /// # Errors
    /// The whole seconds to wait before a write would pass (at least 1):
    /// the `Retry-After` value.
    pub fn take(&mut self, limit: RateLimit, now_ms: i64) -> Result<(), u64> {
        let elapsed = (now_ms - self.updated_ms).max(0) as f64 / 1000.0;
        self.tokens = (self.tokens + elapsed * limit.per_sec).min(limit.burst);
        self.updated_ms = now_ms;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - self.tokens) / limit.per_sec;
            Err((wait.ceil() as u64).max(1))
        }
    }

    /// Whether a write would pass now, without taking it.
    pub fn has_room(&self, limit: RateLimit, now_ms: i64) -> bool {
        let elapsed = (now_ms - self.updated_ms).max(0) as f64 / 1000.0;
        self.tokens + elapsed * limit.per_sec >= 1.0
    }

    /// Whether the bucket has refilled, so it can be forgotten.
    pub fn is_full(&self, limit: RateLimit, now_ms: i64) -> bool {
        let elapsed = (now_ms - self.updated_ms).max(0) as f64 / 1000.0;
        self.tokens + elapsed * limit.per_sec >= limit.burst
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: RateLimit = RateLimit { burst: 3.0, per_sec: 0.5 };

    #[test]
    fn burst_then_refusal_with_retry_after_then_refill() {
        let mut b = Bucket::full(LIMIT, 0);
        assert_eq!(b.take(LIMIT, 0), Ok(()));
        assert_eq!(b.take(LIMIT, 0), Ok(()));
        assert_eq!(b.take(LIMIT, 0), Ok(()));
        // Empty: one token takes 2 s at 0.5/s.
        assert_eq!(b.take(LIMIT, 0), Err(2));
        assert_eq!(b.take(LIMIT, 1_000), Err(1));
        assert!(!b.has_room(LIMIT, 1_500));
        assert!(b.has_room(LIMIT, 2_000));
        assert_eq!(b.take(LIMIT, 2_000), Ok(()));
        assert!(!b.is_full(LIMIT, 2_000));
        assert!(b.is_full(LIMIT, 8_000));
    }

    #[test]
    fn refill_never_exceeds_the_burst() {
        let mut b = Bucket::full(LIMIT, 0);
        for _ in 0..3 {
            b.take(LIMIT, 1_000_000).unwrap();
        }
        assert!(b.take(LIMIT, 1_000_000).is_err());
    }

    #[test]
    fn zero_means_off() {
        assert!(RateLimit { burst: 0.0, per_sec: 10.0 }.is_off());
        assert!(!RateLimit::default().is_off());
    }
}
