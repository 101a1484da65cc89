//! How a sandbox starts: its data set, its faults and its port.

use std::path::Path;

use crate::fault::Fault;
use crate::state::State;

/// The settings of a sandbox. The default is the documented data set, no faults, and a
/// free port.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub(crate) data: State,
    pub(crate) faults: Vec<Fault>,
    pub(crate) port: u16,
}

impl Config {
    /// The default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// The port to listen on, on 127.0.0.1; 0 picks a free one.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Faults in force from the start.
    pub fn faults(mut self, faults: Vec<Fault>) -> Self {
        self.faults = faults;
        self
    }

    /// The data set to start with, instead of the default one.
    pub fn data(mut self, data: State) -> Self {
        self.data = data;
        self
    }

    /// The default settings with the data set of a JSON file: a serialised [`State`], as
    /// `serde_json::to_string(&running.state())` writes it.
    pub fn from_json_file(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let data: State = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not a sandbox data set: {e}", path.display()))?;
        Ok(Self::new().data(data))
    }
}
