//! Every write to stdout and stderr goes through here. A closed stdout (`| head -1`) is
//! not an error: the output stops quietly and the exit status stays that of the command
//! (0 on success), as ripgrep does. Nothing here panics, unlike `println!`.

use std::io::{ErrorKind, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::escape::escape;

/// Set once the reader of stdout has gone away; later output is skipped.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Standard output could not be written, for a reason other than a closed reader (a full
/// disk...): the answer is incomplete.
#[derive(Debug)]
pub struct WriteFailed(std::io::Error);

impl WriteFailed {
    /// Reports the failure on stderr; the caller exits with [`crate::TRANSPORT`].
    pub fn report(&self) -> u8 {
        error(&format!("cannot write to standard output: {}", self.0));
        crate::TRANSPORT
    }
}

/// Writes `text` to stdout and flushes it.
pub fn print(text: &str) -> Result<(), WriteFailed> {
    if closed() {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => {
            CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        Err(e) => Err(WriteFailed(e)),
    }
}

/// True once stdout's reader has gone away: long outputs stop early.
pub fn closed() -> bool {
    CLOSED.load(Ordering::Relaxed)
}

/// Writes one line to stderr, as it is (our own text only). Errors are ignored: there is
/// nowhere left to report them.
pub fn eprint_line(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// Writes `error: <message>` on stderr, the message escaped: it may carry text from the
/// API or from the user, which must not drive the terminal.
pub fn error(message: &str) {
    eprint_line(&format!("error: {}", escape(message)));
}

/// Writes `warning: <message>` on stderr, escaped as [`error`] does.
pub fn warning(message: &str) {
    eprint_line(&format!("warning: {}", escape(message)));
}
