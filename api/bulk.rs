//! Bulk at scale: any number of items of a bulk command, sent in chunks with bounded
//! concurrency inside the rate limit, every item's own result returned in input order.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::answer::{BulkAnswer, ItemResult};
use crate::client::Client;
use crate::info::{Command, Effect};
use crate::item::ItemError;

/// A bulk command: a list of items of a single command. Its answer is a [`BulkAnswer`]
/// of its items' typed answers ([`BulkOutput`]).
pub trait Bulk: Command + Sized + Send + Sync + 'static {
    /// The single command each item repeats.
    type Item: Send + Sync + 'static;
    /// A request for these items.
    fn from_items(items: Vec<Self::Item>) -> Self;
}

/// The answer of a bulk command: its items' results.
pub trait BulkOutput: Send + 'static {
    /// Each item's typed answer.
    type Item: Send + 'static;
    /// The items' results, in request order.
    fn into_results(self) -> Vec<ItemResult<Self::Item>>;
}

impl<T: Send + 'static> BulkOutput for BulkAnswer<T> {
    type Item = T;
    fn into_results(self) -> Vec<ItemResult<T>> {
        self.into_items()
    }
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

/// One item's outcome: `T` is the item's typed answer.
#[derive(Clone, Debug)]
pub struct ItemOutcome<T> {
    /// The item's position in the input.
    pub index: usize,
    /// Its own answer, or why there is none.
    pub result: Result<T, ItemError>,
}

impl Client {
    /// Sends `items` as bulk requests of `options.chunk_size` items, at most
    /// `options.concurrency` at a time (the rate limiter counts every item), and returns
    /// one outcome per item in input order: none lost, none repeated, even when whole
    /// chunks fail. Changing commands are never retried once sent; their lost chunks come
    /// back as [`ItemError::Chunk`] errors whose outcome is unknown, and a chunk whose task
    /// failed (a panic, a cancelled task) as [`ItemError::Lost`].
    pub async fn bulk<B: Bulk>(
        &self,
        items: Vec<B::Item>,
        options: BulkOptions,
    ) -> Vec<ItemOutcome<<B::Output as BulkOutput>::Item>>
    where
        B::Output: BulkOutput,
    {
        let chunk_size = options.chunk_size.max(1);
        let total = items.len();
        let permits = Arc::new(Semaphore::new(options.concurrency.max(1)));
        let mut tasks = JoinSet::new();
        // Where each task's chunk starts and how long it is: a failed task reports only
        // its id, and its items must still be accounted for.
        let mut chunks = HashMap::new();
        let mut changes = false;
        let mut items = items.into_iter();
        let mut start = 0;
        while start < total {
            let chunk: Vec<B::Item> = items.by_ref().take(chunk_size).collect();
            let len = chunk.len();
            let request = B::from_items(chunk);
            changes |= Command::effect(&request) == Effect::Change;
            let (client, permits) = (self.clone(), permits.clone());
            let handle = tasks.spawn(async move {
                let _permit = permits.acquire_owned().await;
                client.call(&request).await
            });
            chunks.insert(handle.id(), (start, len));
            start += len;
        }
        type Slot<T> = Option<Result<T, ItemError>>;
        let mut slots: Vec<Slot<<B::Output as BulkOutput>::Item>> =
            (0..total).map(|_| None).collect();
        while let Some(joined) = tasks.join_next_with_id().await {
            let (id, result) = match joined {
                Ok((id, result)) => (id, Ok(result)),
                Err(e) => (e.id(), Err(e)),
            };
            let Some(&(start, len)) = chunks.get(&id) else {
                continue;
            };
            let Some(slots) = slots.get_mut(start..start + len) else {
                continue;
            };
            match result {
                Ok(Ok(answer)) => {
                    let mut answered = answer.into_results().into_iter();
                    for slot in slots.iter_mut() {
                        *slot = Some(
                            answered
                                .next()
                                .map_or(Err(ItemError::NoResult { changes }), |i| i.result),
                        );
                    }
                }
                Ok(Err(e)) => {
                    let e = Arc::new(e);
                    for slot in slots.iter_mut() {
                        *slot = Some(Err(ItemError::Chunk(e.clone())));
                    }
                }
                // The task died: nothing says how far it got. Its items stay empty and
                // become `Lost` below.
                Err(_) => {}
            }
        }
        slots
            .into_iter()
            .enumerate()
            .map(|(index, slot)| ItemOutcome {
                index,
                result: slot.unwrap_or(Err(ItemError::Lost { changes })),
            })
            .collect()
    }
}
