//! Bulk at scale: any number of items of a bulk command, sent in chunks with bounded
//! concurrency inside the rate limit, every item's own result returned in input order.

use std::sync::Arc;

use serde_json::Value;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::answer::BulkAnswer;
use crate::client::Client;
use crate::error::{ApiError, Error};
use crate::info::Command;

/// A bulk command: a list of items of a single command.
pub trait Bulk: Command<Output = BulkAnswer> + Sized + Send + Sync + 'static {
    /// The single command each item repeats.
    type Item: Send + Sync + 'static;
    /// A request for these items.
    fn from_items(items: Vec<Self::Item>) -> Self;
}

/// How [`Client::bulk`] splits and sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BulkOptions {
    /// Items per request (at least 1).
    pub chunk_size: usize,
    /// Requests in flight at once (at least 1).
    pub concurrency: usize,
}

impl Default for BulkOptions {
    fn default() -> Self {
        Self {
            chunk_size: 100,
            concurrency: 4,
        }
    }
}

/// Why one item of a bulk run has no success.
#[derive(Clone, Debug)]
pub enum ItemError {
    /// The API refused this item.
    Api(ApiError),
    /// The request that carried the item failed as a whole; the error says whether it was
    /// sent and whether its outcome is unknown. Shared by the chunk's items.
    Chunk(Arc<Error>),
}

impl std::fmt::Display for ItemError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ItemError::Api(e) => write!(f, "{e}"),
            ItemError::Chunk(e) => write!(f, "{e}"),
        }
    }
}

/// One item's outcome.
#[derive(Clone, Debug)]
pub struct ItemOutcome {
    /// The item's position in the input.
    pub index: usize,
    /// Its own answer, or why there is none.
    pub result: Result<Value, ItemError>,
}

impl Client {
    /// Sends `items` as bulk requests of `options.chunk_size` items, at most
    /// `options.concurrency` at a time (the rate limiter counts every item), and returns
    /// one outcome per item in input order: none lost, none repeated, even when whole
    /// chunks fail. Changing commands are never retried; their lost chunks come back as
    /// [`ItemError::Chunk`] errors whose outcome is unknown.
    pub async fn bulk<B: Bulk>(
        &self,
        items: Vec<B::Item>,
        options: BulkOptions,
    ) -> Vec<ItemOutcome> {
        let chunk_size = options.chunk_size.max(1);
        let total = items.len();
        let permits = Arc::new(Semaphore::new(options.concurrency.max(1)));
        let mut tasks = JoinSet::new();
        let mut items = items.into_iter();
        let mut start = 0;
        while start < total {
            let chunk: Vec<B::Item> = items.by_ref().take(chunk_size).collect();
            let len = chunk.len();
            let (client, permits) = (self.clone(), permits.clone());
            tasks.spawn(async move {
                let _permit = permits.acquire_owned().await;
                let request = B::from_items(chunk);
                (start, len, client.call(&request).await)
            });
            start += len;
        }
        let mut slots: Vec<Option<Result<Value, ItemError>>> = (0..total).map(|_| None).collect();
        while let Some(joined) = tasks.join_next().await {
            let Ok((start, len, result)) = joined else {
                continue;
            };
            match result {
                Ok(answer) => {
                    for (i, item) in answer.into_items().into_iter().enumerate().take(len) {
                        slots[start + i] = Some(item.result.map_err(ItemError::Api));
                    }
                }
                Err(e) => {
                    let e = Arc::new(e);
                    for slot in &mut slots[start..start + len] {
                        *slot = Some(Err(ItemError::Chunk(e.clone())));
                    }
                }
            }
        }
        slots
            .into_iter()
            .enumerate()
            .map(|(index, slot)| ItemOutcome {
                index,
                result: slot.unwrap_or_else(|| {
                    Err(ItemError::Api(ApiError::new(
                        "the request carrying this item did not complete",
                        None,
                    )))
                }),
            })
            .collect()
    }
}
