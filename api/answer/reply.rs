//! What a call returns: the decoded answer of any command (`Reply`), and `FromReply`, its
//! conversion into what a typed request's call returns.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{BulkAnswer, ValueAnswer, parse};
use crate::decode::{Answer, Rows};
use crate::error::Error;

/// A decoded answer of any command.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A single command's answer.
    Value(ValueAnswer),
    /// A bulk command's answer.
    Bulk(BulkAnswer),
}

impl Reply {
    /// The answer as the API sent it.
    pub fn raw(&self) -> &Value {
        match self {
            Reply::Value(v) => v.value(),
            Reply::Bulk(b) => b.raw(),
        }
    }

    /// The answer's exact JSON text: print this to keep numbers as the API wrote them.
    pub fn raw_text(&self) -> &str {
        match self {
            Reply::Value(v) => v.raw_text(),
            Reply::Bulk(b) => b.raw_text(),
        }
    }

    /// True unless a bulk answer is not ok ([`BulkAnswer::is_ok`]).
    pub fn is_ok(&self) -> bool {
        match self {
            Reply::Value(_) => true,
            Reply::Bulk(b) => b.is_ok(),
        }
    }
}

/// An answer type a command can return: how a success becomes it. A success that does
/// not fit is an [`Error`] of kind [`ErrorKind::Decode`](crate::ErrorKind::Decode), never
/// a failed call.
pub trait FromReply: Sized {
    /// Converts the decoded answer.
    fn from_reply(reply: Reply) -> Result<Self, Error>;
}

impl FromReply for Value {
    fn from_reply(reply: Reply) -> Result<Self, Error> {
        Ok(match reply {
            Reply::Value(v) => v.into_value(),
            Reply::Bulk(mut b) => b.raw.take().unwrap_or_else(|| parse(&b.text)),
        })
    }
}

impl<T: DeserializeOwned> FromReply for BulkAnswer<T> {
    fn from_reply(reply: Reply) -> Result<Self, Error> {
        Ok(match reply {
            Reply::Bulk(b) => b.decode(),
            Reply::Value(v) => BulkAnswer {
                items: Vec::new(),
                error: None,
                unmatched: Vec::new(),
                unmatched_total: 0,
                text: v.text,
                raw: v.value,
            },
        })
    }
}

impl FromReply for Reply {
    fn from_reply(reply: Reply) -> Result<Self, Error> {
        Ok(reply)
    }
}

impl<T: Answer> FromReply for T {
    fn from_reply(reply: Reply) -> Result<Self, Error> {
        crate::decode::from_text(reply.raw_text()).map_err(Error::decode)
    }
}

/// Rows: an array of them, or an object of them keyed by id.
impl<T: Answer> FromReply for Vec<T> {
    fn from_reply(reply: Reply) -> Result<Self, Error> {
        crate::decode::from_text::<Rows<T>>(reply.raw_text())
            .map(|r| r.0)
            .map_err(Error::decode)
    }
}
