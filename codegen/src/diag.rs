//! Problems found in a spec, collected rather than thrown, so that one run reports them all,
//! each with its position and a hint.

use std::fmt;

use crate::yaml::Pos;

/// One problem in the spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where it is.
    pub pos: Pos,
    /// What is wrong, one line, lower case.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: {}",
            self.pos.file, self.pos.line, self.pos.col, self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem of a spec, sorted by file, line and column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The problems.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        let n = self.diagnostics.len();
        write!(
            f,
            "{n} problem{} in the spec",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Report {}

/// Collects problems while the spec is loaded and checked.
#[derive(Debug, Default)]
pub struct Ctxt {
    diagnostics: Vec<Diagnostic>,
}

impl Ctxt {
    /// Records a problem.
    pub fn error(
        &mut self,
        pos: &Pos,
        message: impl Into<String>,
        hint: impl Into<Option<String>>,
    ) {
        self.diagnostics.push(Diagnostic {
            pos: pos.clone(),
            message: message.into(),
            hint: hint.into(),
        });
    }

    /// True when a problem has been recorded.
    pub fn has_errors(&self) -> bool {
        !self.diagnostics.is_empty()
    }

    /// The problems found, sorted and without repeats; `Ok` when there were none.
    pub fn finish(mut self) -> Result<(), Report> {
        if self.diagnostics.is_empty() {
            return Ok(());
        }
        self.diagnostics
            .sort_by(|a, b| a.pos.cmp(&b.pos).then_with(|| a.message.cmp(&b.message)));
        self.diagnostics.dedup();
        Err(Report {
            diagnostics: self.diagnostics,
        })
    }
}
