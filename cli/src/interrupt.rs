//! Ctrl-C (SIGINT) while a call is in flight. Listening starts before the call, so an
//! interrupt is never lost to the default handler once the request may have left; the
//! caller races [`Interrupt::wait`] against the call and reports what may have happened.

/// Exit status after an interrupt: 128 + SIGINT, as shells report it.
pub const INTERRUPTED: u8 = 130;

/// A registered SIGINT listener.
pub struct Interrupt {
    #[cfg(unix)]
    signal: Option<tokio::signal::unix::Signal>,
}

impl Interrupt {
    /// Registers the listener now (not on first poll). If it cannot be registered, the
    /// default handler stays and an interrupt ends the program as before.
    pub fn listen() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Self {
                signal: signal(SignalKind::interrupt()).ok(),
            }
        }
        #[cfg(not(unix))]
        {
            Self {}
        }
    }

    /// Resolves when SIGINT arrives; never, if listening failed.
    pub async fn wait(&mut self) {
        #[cfg(unix)]
        match &mut self.signal {
            Some(s) => {
                if s.recv().await.is_none() {
                    std::future::pending::<()>().await;
                }
            }
            None => std::future::pending::<()>().await,
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}
