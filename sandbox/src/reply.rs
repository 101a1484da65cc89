//! How handlers answer: a JSON value, or a [`Fail`] that becomes `{"_error": ...}`; and how
//! a bulk command runs its items and keys their answers like the request.

use serde_json::{Map, Value, json};

/// A refusal, answered as `{"_error": message}` with HTTP 200, as the API does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fail(pub String);

/// What a handler answers.
pub type Res = Result<Value, Fail>;

/// `Err(Fail(format!(...)))`.
macro_rules! fail {
    ($($t:tt)*) => { ::std::result::Result::Err($crate::reply::Fail(format!($($t)*))) };
}
pub(crate) use fail;

/// The answer body of a result.
pub fn answer(result: Res) -> Value {
    match result {
        Ok(v) => v,
        Err(Fail(message)) => error(&message),
    }
}

/// `{"_error": message}`.
pub fn error(message: &str) -> Value {
    json!({ "_error": message })
}

/// Runs every item of a bulk command, in order, each on its own: a failed item changes
/// nothing and carries its own `_error`; the others are carried out. The answer is keyed
/// like the request (the keys `Request::items` gives), and when any item failed it
/// also has a top-level `_error` (the first failure's message).
pub fn bulk<S, T>(
    state: &mut S,
    items: &[(String, T)],
    mut run: impl FnMut(&mut S, &T) -> Res,
) -> Value {
    let mut out = Map::new();
    let mut first_error = None;
    for (key, item) in items {
        let key = key.clone();
        let value = match run(state, item) {
            Ok(v) => v,
            Err(Fail(message)) => {
                first_error.get_or_insert_with(|| message.clone());
                error(&message)
            }
        };
        out.insert(key, value);
    }
    if let Some(message) = first_error {
        out.insert("_error".to_owned(), Value::String(message));
    }
    Value::Object(out)
}
