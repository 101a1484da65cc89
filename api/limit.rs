//! The client's rate limiter: a token bucket shared by every clone of a client. A bulk
//! call costs one token per item. Waiting is an async sleep, first come first served.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use crate::error::Error;

/// How fast the client may send.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateLimit {
    /// Requests (or bulk items) per second, on average: finite, positive, and at least one
    /// an hour ([`RateLimit::SLOWEST`]).
    pub per_second: f64,
    /// How many may go at once after a quiet spell (at least 1).
    pub burst: u32,
}

impl RateLimit {
    /// The default: 2 a second, bursts of 5. The provider publishes no limit and bans
    /// clients that exceed it, so the default is conservative; raise it knowingly.
    pub const CONSERVATIVE: RateLimit = RateLimit {
        per_second: 2.0,
        burst: 5,
    };

    /// The slowest rate accepted: one request an hour. Slower would make a call wait
    /// longer than any caller means to.
    pub const SLOWEST: f64 = 1.0 / 3600.0;

    /// A checked limit: `per_second` finite and at least [`RateLimit::SLOWEST`], `burst`
    /// at least 1. [`ClientBuilder::build`](crate::ClientBuilder::build) applies the same
    /// check to a limit written as a struct.
    pub fn new(per_second: f64, burst: u32) -> Result<RateLimit, Error> {
        let limit = RateLimit { per_second, burst };
        limit.check()?;
        Ok(limit)
    }

    pub(crate) fn check(&self) -> Result<(), Error> {
        // NaN is not finite, so it is refused too.
        if !self.per_second.is_finite() || self.per_second < Self::SLOWEST {
            return Err(Error::config(format!(
                "the rate limit must be a finite number of requests a second, at least one an hour, got {}",
                self.per_second
            )));
        }
        if self.burst == 0 {
            return Err(Error::config("the rate limit's burst must be at least 1"));
        }
        Ok(())
    }
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

/// A token bucket; clones share it.
#[derive(Clone, Debug)]
pub(crate) struct Limiter {
    rate: f64,
    burst: f64,
    bucket: Arc<Mutex<Bucket>>,
}

/// The wait for tokens would pass the caller's time bound; nothing was taken.
#[derive(Debug)]
pub(crate) struct TooLong;

impl Limiter {
    /// A limiter for a checked limit.
    pub(crate) fn new(limit: RateLimit) -> Self {
        let burst = f64::from(limit.burst.max(1));
        Self {
            rate: limit.per_second.max(RateLimit::SLOWEST),
            burst,
            bucket: Arc::new(Mutex::new(Bucket {
                tokens: burst,
                last: Instant::now(),
            })),
        }
    }

    /// Waits until `cost` tokens may be taken, and takes them. A cost above the burst
    /// waits for a full bucket and leaves a debt, so the average rate still holds.
    ///
    /// Callers are served in the order they came: tokio's mutex is fair, and a waiter
    /// keeps it while it sleeps, so a large cost is never overtaken by small ones and a
    /// small one waits only for those before it. When the wait would end after `until`,
    /// nothing is taken and the caller learns it at once.
    pub(crate) async fn acquire(&self, cost: u32, until: Option<Instant>) -> Result<(), TooLong> {
        let need = f64::from(cost.max(1));
        let threshold = need.min(self.burst);
        // The queue itself counts against `until`: a caller behind a long wait gives up
        // when its own bound passes.
        let mut b = match until {
            Some(u) => tokio::time::timeout_at(u.into(), self.bucket.lock())
                .await
                .map_err(|_| TooLong)?,
            None => self.bucket.lock().await,
        };
        let now = Instant::now();
        self.refill(&mut b, now);
        if b.tokens < threshold {
            let wait = Duration::from_secs_f64((threshold - b.tokens) / self.rate);
            if until.is_some_and(|u| now + wait > u) {
                return Err(TooLong);
            }
            tokio::time::sleep(wait).await;
            self.refill(&mut b, Instant::now());
        }
        b.tokens -= need;
        Ok(())
    }

    fn refill(&self, b: &mut Bucket, now: Instant) {
        let elapsed = now.saturating_duration_since(b.last).as_secs_f64();
        b.tokens = (b.tokens + elapsed * self.rate).min(self.burst);
        b.last = now;
    }
}
