//! What a failed attempt at the HTTP level means for the caller: whether the request may
//! have been sent (so whether its outcome is unknown), with the URL dropped from the
//! source (a GET URL carries the password).

use crate::error::{Error, ErrorKind, Sent, Timeout};

/// Maps an error of sending and awaiting the answer's head, dropping its URL (a GET URL
/// carries the password).
pub(crate) fn transport(e: reqwest::Error) -> Error {
    let e = e.without_url();
    let err = if e.is_connect() {
        // The connection was never made: nothing of the request was written.
        if e.is_timeout() {
            Error::timeout(Timeout::Connect, Sent::No)
        } else {
            Error::new(
                ErrorKind::Transport,
                Sent::No,
                "cannot connect to the server",
            )
        }
    } else if e.is_timeout() {
        // The client cannot see whether the request was written before the timer fired.
        Error::timeout(Timeout::Answer, Sent::Maybe)
    } else {
        Error::new(
            ErrorKind::Transport,
            Sent::Maybe,
            "the connection failed before an answer came; the request may have been sent",
        )
    };
    err.with_source(e)
}

/// Maps an error while reading the answer's body: the server answered, so the request
/// was sent.
pub(crate) fn broken_answer(e: reqwest::Error) -> Error {
    let e = e.without_url();
    let err = if e.is_timeout() {
        Error::timeout(Timeout::Answer, Sent::Yes)
    } else {
        Error::new(
            ErrorKind::Transport,
            Sent::Yes,
            "the answer broke off or was malformed after it began",
        )
    };
    err.with_source(e)
}
