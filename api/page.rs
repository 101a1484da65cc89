//! Searches that never truncate: a stream of typed rows that asks for page after page
//! until a short one, holding one page at a time. Every page is an ordinary call, so the
//! rate limiter and the retries of read-only commands apply to each.

use std::collections::VecDeque;

use futures_core::Stream;

use crate::client::Client;
use crate::error::{Error, InvalidValue};
use crate::info::Command;

/// The page size of the paging streams when the caller has no reason to choose: small
/// enough for any server's page cap, large enough to keep the number of calls low.
pub const DEFAULT_PAGE_SIZE: u32 = 100;

/// How a search's request is asked for one page: `request` with `page` (from 1) and
/// `limit` set.
pub type SetPage<C> = fn(&C, u64, u32) -> Result<C, InvalidValue>;

struct State<C, T> {
    client: Client,
    request: C,
    set_page: SetPage<C>,
    page_size: u32,
    page: u64,
    rows: VecDeque<T>,
    done: bool,
}

/// Every row of a search, page after page of `page_size` rows (at least 1), until a page
/// answers fewer rows than asked. A page that fails ends the stream with its error (after
/// the client's retries, for a read-only search).
pub fn rows<C, T>(
    client: &Client,
    request: C,
    page_size: u32,
    set_page: SetPage<C>,
) -> impl Stream<Item = Result<T, Error>> + Send + 'static
where
    C: Command<Output = Vec<T>> + 'static,
    T: Send + 'static,
{
    let state = State {
        client: client.clone(),
        request,
        set_page,
        page_size: page_size.max(1),
        page: 0,
        rows: VecDeque::new(),
        done: false,
    };
    futures_util::stream::unfold(state, |mut s| async move {
        loop {
            if let Some(row) = s.rows.pop_front() {
                return Some((Ok(row), s));
            }
            if s.done {
                return None;
            }
            s.page += 1;
            let request = match (s.set_page)(&s.request, s.page, s.page_size) {
                Ok(r) => r,
                Err(e) => {
                    s.done = true;
                    return Some((Err(Error::from(e)), s));
                }
            };
            match s.client.call(&request).await {
                Ok(rows) => {
                    // A short page is the last; so is one past the last row (empty).
                    s.done = rows.len() < s.page_size as usize;
                    s.rows = rows.into();
                }
                Err(e) => {
                    s.done = true;
                    return Some((Err(e), s));
                }
            }
        }
    })
}
