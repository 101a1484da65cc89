//! The client's rate limiter: a token bucket shared by every clone of a client. A bulk
//! call costs one token per item. Waiting is an async sleep, never a busy loop.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

/// How fast the client may send.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateLimit {
    /// Requests (or bulk items) per second, on average.
    pub per_second: f64,
    /// How many may go at once after a quiet spell.
    pub burst: u32,
}

impl RateLimit {
    /// The default: 2 a second, bursts of 5. The provider publishes no limit and bans
    /// clients that exceed it, so the default is conservative; raise it knowingly.
    pub const CONSERVATIVE: RateLimit = RateLimit {
        per_second: 2.0,
        burst: 5,
    };
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

/// A token bucket; clones share it.
#[derive(Clone, Debug)]
pub(crate) struct Limiter {
    limit: RateLimit,
    bucket: Arc<Mutex<Bucket>>,
}

impl Limiter {
    pub(crate) fn new(limit: RateLimit) -> Self {
        let burst = f64::from(limit.burst.max(1));
        Self {
            limit,
            bucket: Arc::new(Mutex::new(Bucket {
                tokens: burst,
                last: Instant::now(),
            })),
        }
    }

    /// Waits until `cost` tokens may be taken, and takes them. A cost above the burst
    /// waits for a full bucket and leaves a debt, so the average rate still holds.
    pub(crate) async fn acquire(&self, cost: u32) {
        let rate = self.limit.per_second.max(f64::MIN_POSITIVE);
        let burst = f64::from(self.limit.burst.max(1));
        let need = f64::from(cost.max(1));
        loop {
            let wait = {
                let mut b = self.bucket.lock().await;
                let now = Instant::now();
                let elapsed = now.duration_since(b.last).as_secs_f64();
                b.tokens = (b.tokens + elapsed * rate).min(burst);
                b.last = now;
                let threshold = need.min(burst);
                if b.tokens >= threshold {
                    b.tokens -= need;
                    return;
                }
                (threshold - b.tokens) / rate
            };
            tokio::time::sleep(Duration::from_secs_f64(wait.min(3600.0))).await;
        }
    }
}
