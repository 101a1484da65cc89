//! A sandbox state kept in a file between runs: `{"format": 1, "state": {...}}`, read whole
//! and written atomically (a temporary file in the same folder, then renamed over the old
//! one), so that a crash mid-write never leaves half a file behind.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::state::State;

/// The format version written in a state file; a file of another version is refused.
pub const FORMAT: u32 = 1;

/// The largest state file read (a sandbox's data set is a few kilobytes).
const MAX_FILE: u64 = 64 << 20;

#[derive(Serialize)]
struct SavedRef<'a> {
    format: u32,
    state: &'a State,
}

#[derive(Deserialize)]
struct Saved {
    format: u32,
    state: State,
}

/// A state file that could not be read or written. Its message names the file; the cause
/// is its [`std::error::Error::source`].
#[derive(Debug)]
pub struct StateFileError {
    path: PathBuf,
    what: What,
}

#[derive(Debug)]
enum What {
    Read(std::io::Error),
    TooLarge,
    Corrupt(serde_json::Error),
    Format(u32),
    Write(std::io::Error),
}

impl StateFileError {
    /// The file concerned.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the file exists but is not a state this version can read (the file is
    /// left as it was).
    pub fn is_corrupt(&self) -> bool {
        matches!(
            self.what,
            What::Corrupt(_) | What::Format(_) | What::TooLarge
        )
    }
}

impl fmt::Display for StateFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.path.display();
        match &self.what {
            What::Read(_) => write!(f, "cannot read the sandbox state file {p}"),
            What::TooLarge => write!(
                f,
                "the sandbox state file {p} is larger than {MAX_FILE} bytes; it was left as it is"
            ),
            What::Corrupt(_) => write!(
                f,
                "the sandbox state file {p} is not a sandbox state; it was left as it is (`domaincontext sandbox reset` starts over)"
            ),
            What::Format(n) => write!(
                f,
                "the sandbox state file {p} has format {n}, this version reads format {FORMAT}; it was left as it is"
            ),
            What::Write(_) => write!(f, "cannot write the sandbox state file {p}"),
        }
    }
}

impl std::error::Error for StateFileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.what {
            What::Read(e) | What::Write(e) => Some(e),
            What::Corrupt(e) => Some(e),
            What::TooLarge | What::Format(_) => None,
        }
    }
}

impl State {
    /// The state saved in `path`, or `None` when there is no such file.
    pub fn load(path: &Path) -> Result<Option<State>, StateFileError> {
        let err = |what| StateFileError {
            path: path.to_owned(),
            what,
        };
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(err(What::Read(e))),
        };
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_FILE + 1), &mut text)
            .map_err(|e| err(What::Read(e)))?;
        if text.len() as u64 > MAX_FILE {
            return Err(err(What::TooLarge));
        }
        #[derive(Deserialize)]
        struct Version {
            format: u32,
        }
        let version: Version = serde_json::from_slice(&text).map_err(|e| err(What::Corrupt(e)))?;
        if version.format != FORMAT {
            return Err(err(What::Format(version.format)));
        }
        let saved: Saved = serde_json::from_slice(&text).map_err(|e| err(What::Corrupt(e)))?;
        debug_assert_eq!(saved.format, FORMAT);
        Ok(Some(saved.state))
    }

    /// Writes the state to `path` (its folder is created when missing): a temporary file
    /// beside it, then renamed over it, so that readers see the old state or the new one.
    pub fn save(&self, path: &Path) -> Result<(), StateFileError> {
        let err = |e| StateFileError {
            path: path.to_owned(),
            what: What::Write(e),
        };
        let text = serde_json::to_vec_pretty(&SavedRef {
            format: FORMAT,
            state: self,
        })
        .map_err(|e| err(std::io::Error::other(e)))?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&dir).map_err(err)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "sandbox".to_owned());
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let written = std::fs::File::create(&tmp).and_then(|mut f| {
            f.write_all(&text)?;
            f.sync_all()
        });
        if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
            let _ = std::fs::remove_file(&tmp);
            return Err(err(e));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dc-saved-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir.join("state.json")
    }

    #[test]
    fn a_saved_state_loads_back_equal() {
        let path = temp("round");
        assert_eq!(State::load(&path).unwrap(), None);
        let mut state = State::default();
        state.next_id += 7;
        state.save(&path).unwrap();
        assert_eq!(State::load(&path).unwrap(), Some(state));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("{\n  \"format\": 1,"), "{text}");
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }

    #[test]
    fn a_bad_file_is_named_and_left_alone() {
        let path = temp("bad");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let cases = [
            ("{not json", "is not a sandbox state"),
            ("{\"format\": 1, \"state\": {}}", "is not a sandbox state"),
            (
                "{\"format\": 9, \"state\": {}}",
                "has format 9, this version reads format 1",
            ),
        ];
        for (text, says) in cases {
            std::fs::write(&path, text).unwrap();
            let e = State::load(&path).unwrap_err();
            assert!(e.is_corrupt());
            let m = e.to_string();
            assert!(m.contains(&path.display().to_string()), "{m}");
            assert!(m.contains(says), "{m}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        }
        assert_eq!(cases.len(), 3);
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }
}
