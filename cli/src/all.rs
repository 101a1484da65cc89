//! `--all`: every row of a search (a command with `limit` and `page`), page after page,
//! printed as JSON lines as each page arrives, so memory holds one page at a time.
//!
//! Every page is an ordinary call of the same client: the rate limiter applies to each,
//! a read-only search is retried as any call is, and `--timeout` bounds each page's call
//! (not the whole run, which may be long for a large account). Rows are printed from the
//! answer's own text, so numbers keep their digits.

use domaincontext::{CommandInfo, DEFAULT_PAGE_SIZE, ErrorKind, Request};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::format::{Format, Show};
use crate::interrupt::{INTERRUPTED, Interrupt};
use crate::{API_ERROR, OK, TRANSPORT, USAGE, out};

/// Whether `info` pages: it takes both `limit` and `page`.
pub fn pages(info: &CommandInfo) -> bool {
    info.bulk_of.is_none()
        && ["limit", "page"]
            .iter()
            .all(|n| info.args.iter().any(|a| a.name == *n))
}

/// The rows of each page asked of command `info` given `args`: `--limit`, or
/// [`DEFAULT_PAGE_SIZE`]. Refuses what cannot page (a usage error: nothing was sent).
pub fn page_size(info: &CommandInfo, args: &Value, show: Show) -> Result<u32, String> {
    if !pages(info) {
        return Err(format!(
            "--all pages through a search with limit and page; {} has no pages",
            info.name
        ));
    }
    if !matches!(show.format, Format::Json | Format::Jsonl) {
        return Err("--all prints JSON lines: leave out --output or give -o jsonl".to_owned());
    }
    let given = |name: &str| {
        args.get(name)
            .filter(|v| !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()))
    };
    if given("page").is_some() {
        return Err("--all asks for every page itself: leave out --page".to_owned());
    }
    if let Some(c) = given("count") {
        if !matches!(c.as_str().map(str::trim), Some("0" | "false")) {
            return Err("--all lists rows: leave out --count, which answers a number".to_owned());
        }
    }
    match given("limit") {
        None => Ok(DEFAULT_PAGE_SIZE),
        Some(v) => {
            let text = match v {
                Value::String(s) => s.trim().to_owned(),
                other => other.to_string(),
            };
            match text.parse::<u32>() {
                Ok(n) if n > 0 => Ok(n),
                _ => Err(format!(
                    "--all takes --limit as the rows of a page, a whole number above 0, got {text:?}"
                )),
            }
        }
    }
}

/// `args` asking for page `page` of `size` rows.
fn page_args(args: &Value, page: u64, size: u32) -> Value {
    let mut map = match args {
        Value::Object(m) => m.clone(),
        _ => serde_json::Map::new(),
    };
    map.insert("page".to_owned(), Value::String(page.to_string()));
    map.insert("limit".to_owned(), Value::String(size.to_string()));
    Value::Object(map)
}

/// The request of page 1, for `--dry-run`.
pub fn first_page(command: &str, args: &Value, size: u32) -> Result<Request, String> {
    Request::from_args(command, &page_args(args, 1, size)).map_err(|e| e.to_string())
}

/// The rows of one page's answer, each as its compact JSON text.
fn rows(text: &str) -> Option<Vec<String>> {
    let items: Vec<&RawValue> = serde_json::from_str(text).ok()?;
    items
        .iter()
        .map(|r| crate::format::compact(r.get()))
        .collect()
}

/// Fetches and prints every page of `command` with `args`, `size` rows a page, until a
/// page answers fewer rows.
pub async fn run(
    client: &domaincontext::Client,
    command: &str,
    args: &Value,
    size: u32,
    show: Show,
) -> u8 {
    let mut interrupt = Interrupt::listen();
    for page in 1u64.. {
        let request = match Request::from_args(command, &page_args(args, page, size)) {
            Ok(r) => r,
            Err(e) => {
                out::error(&format!("{e} (nothing was sent)"));
                return USAGE;
            }
        };
        let result = tokio::select! {
            r = client.call_raw(&request) => r,
            () = interrupt.wait() => {
                out::error(&format!("interrupted on page {page}"));
                return INTERRUPTED;
            }
        };
        let reply = match result {
            Ok(r) => r,
            Err(e) => {
                out::error(&format!("page {page}: {e}"));
                return match e.kind() {
                    ErrorKind::Api => API_ERROR,
                    ErrorKind::Validation | ErrorKind::Config => USAGE,
                    _ => TRANSPORT,
                };
            }
        };
        let Some(rows) = rows(reply.raw_text()) else {
            out::error(&format!(
                "page {page} of {command} is not a list of rows; the rows before it were printed"
            ));
            return TRANSPORT;
        };
        if !show.quiet && !rows.is_empty() {
            let mut text = rows.join("\n");
            text.push('\n');
            if let Err(e) = out::print(&text) {
                return e.report();
            }
        }
        if rows.len() < size as usize || out::closed() {
            break;
        }
    }
    OK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_split_into_rows_with_their_text() {
        let cases = [
            (
                "[{\"id\": 123456789012345678901, \"sum\": 990.00},\n {\"id\":2}]",
                Some(vec![
                    "{\"id\":123456789012345678901,\"sum\":990.00}".to_owned(),
                    "{\"id\":2}".to_owned(),
                ]),
            ),
            ("[]", Some(vec![])),
            ("{\"id\": 1}", None),
            ("5", None),
            ("[1,", None),
        ];
        for (text, want) in &cases {
            assert_eq!(&rows(text), want, "{text}");
        }
        assert_eq!(cases.len(), 5);
    }
}
