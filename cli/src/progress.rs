//! Progress on stderr, drawn by indicatif, only when stderr is a terminal and `--quiet` is
//! not given: a spinner with the time waited while a 10-minute command runs, and a bar of
//! items done for a bulk run of more than one request.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Whether progress is drawn: not with `--quiet`, and only on a terminal.
pub fn visible(quiet: bool, stderr_is_terminal: bool) -> bool {
    !quiet && stderr_is_terminal
}

fn target(quiet: bool) -> Option<ProgressDrawTarget> {
    visible(quiet, std::io::stderr().is_terminal()).then(ProgressDrawTarget::stderr)
}

/// The spinner of a long command, drawn to `target`.
pub fn waiting(command: &str, target: ProgressDrawTarget) -> ProgressBar {
    let style = ProgressStyle::with_template(
        "{spinner} waiting for {prefix}... {elapsed} (it can take up to 10 minutes)",
    )
    .unwrap_or_else(|_| ProgressStyle::default_spinner());
    ProgressBar::with_draw_target(None, target)
        .with_style(style)
        .with_prefix(command.to_owned())
}

/// The bar of a bulk run of `items` items in `requests` requests, drawn to `target`.
pub fn bulk(command: &str, items: u64, requests: usize, target: ProgressDrawTarget) -> ProgressBar {
    let style = ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} items, {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    let bar = ProgressBar::with_draw_target(Some(items), target)
        .with_style(style)
        .with_prefix(command.to_owned());
    bar.set_message(request_message(0, requests));
    bar
}

/// `request 2 of 5`: the request being sent.
pub fn request_message(sent: usize, requests: usize) -> String {
    format!("request {} of {requests}", (sent + 1).min(requests))
}

/// A spinner while a long command waits; cleared when dropped.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// Starts the spinner if `long`, not `quiet`, and stderr is a terminal.
    pub fn start(command: &'static str, long: bool, quiet: bool) -> Self {
        match target(quiet) {
            Some(t) if long => {
                let bar = waiting(command, t);
                bar.enable_steady_tick(Duration::from_millis(250));
                Self(Some(bar))
            }
            _ => Self(None),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = self.0.take() {
            bar.finish_and_clear();
        }
    }
}

/// The bar of a bulk run, when it has more than one request; cleared when dropped.
pub struct BulkProgress {
    bar: Option<ProgressBar>,
    requests: usize,
    sent: usize,
}

impl BulkProgress {
    /// Starts the bar for `items` items in `requests` requests.
    pub fn start(command: &str, items: usize, requests: usize, quiet: bool) -> Self {
        let bar = match target(quiet) {
            Some(t) if requests > 1 => Some(bulk(command, items as u64, requests, t)),
            _ => None,
        };
        Self {
            bar,
            requests,
            sent: 0,
        }
    }

    /// One request done, of `items` items.
    pub fn done(&mut self, items: usize) {
        self.sent += 1;
        if let Some(bar) = &self.bar {
            bar.inc(items as u64);
            bar.set_message(request_message(self.sent, self.requests));
        }
    }
}

impl Drop for BulkProgress {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use indicatif::InMemoryTerm;

    #[test]
    fn progress_is_drawn_only_on_a_terminal_and_not_when_quiet() {
        let cases = [
            ((false, true), true),
            ((true, true), false),
            ((false, false), false),
            ((true, false), false),
        ];
        for ((quiet, term), shown) in cases {
            assert_eq!(
                visible(quiet, term),
                shown,
                "quiet {quiet}, terminal {term}"
            );
        }
        // The tests' stderr is captured, not a terminal: nothing is drawn.
        if !std::io::stderr().is_terminal() {
            assert!(target(false).is_none());
            assert!(BulkProgress::start("x", 300, 3, false).bar.is_none());
        }
        assert!(BulkProgress::start("x", 300, 3, true).bar.is_none());
    }

    #[test]
    fn the_bulk_bar_counts_items_and_requests() {
        let term = InMemoryTerm::new(4, 100);
        let bar = bulk(
            "domainsRegister",
            250,
            3,
            ProgressDrawTarget::term_like(Box::new(term.clone())),
        );
        let mut seen = Vec::new();
        for (n, items) in [100u64, 100, 50].into_iter().enumerate() {
            bar.inc(items);
            bar.set_message(request_message(n + 1, 3));
            bar.tick();
            seen.push(term.contents());
        }
        assert_eq!(
            seen,
            [
                "domainsRegister [============>                 ] 100/250 items, request 2 of 3",
                "domainsRegister [========================>     ] 200/250 items, request 3 of 3",
                "domainsRegister [==============================] 250/250 items, request 3 of 3",
            ]
        );
    }

    #[test]
    fn the_spinner_names_the_command_and_the_wait() {
        let term = InMemoryTerm::new(4, 100);
        let bar = waiting(
            "serverBuy",
            ProgressDrawTarget::term_like(Box::new(term.clone())),
        );
        bar.tick();
        let shown = term.contents();
        assert!(
            shown.ends_with("waiting for serverBuy... 0s (it can take up to 10 minutes)"),
            "{shown:?}"
        );
    }
}
