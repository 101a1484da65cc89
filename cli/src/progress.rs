//! A progress line on stderr while a long command waits, only when stderr is a terminal.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Shows `waiting for <command>... Ns` until dropped.
pub struct Progress {
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Progress {
    /// Starts the indicator if `long` and stderr is a terminal.
    pub fn start(command: &'static str, long: bool) -> Self {
        if !long || !std::io::stderr().is_terminal() {
            return Self { task: None };
        }
        let started = Instant::now();
        let task = tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(1)).await;
                let mut err = std::io::stderr();
                let _ = write!(
                    err,
                    "\rwaiting for {command}... {}s (it can take up to 10 minutes)",
                    started.elapsed().as_secs()
                );
                let _ = err.flush();
            }
        });
        Self { task: Some(task) }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
            let mut err = std::io::stderr();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}
