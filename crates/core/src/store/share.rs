//! What the app knows of a shared room (issue 22): plain view state, never
//! saved with the document. The room itself (the Yjs document, the
//! connection) lives in the sharing engine, which the shell loads only when
//! a reader shares or opens a share link.

/// Where the connection to the room is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SharePhase {
    /// The engine is loading or the connection is being made.
    Connecting,
    /// In step with the room.
    Live,
    /// No connection; changes are kept and sent when it is back.
    Offline,
    /// The server refused the link's key (its reason): ask for a new link.
    Denied(String),
}

/// The toolbar's view of the room.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareView {
    /// The room's name (grants nothing).
    pub room: String,
    /// False for a read-only link: nothing can be changed.
    pub can_write: bool,
    /// Where the connection is.
    pub phase: SharePhase,
    /// This reader's changes the server has not confirmed yet.
    pub waiting: usize,
    /// The links to hand out: (write, read-only); only a writer has both.
    pub links: Option<(String, String)>,
    /// How many other readers are here.
    pub others: usize,
    /// Who they are and what each has selected, for the status' tooltip
    /// (`Ann (on “the harbour plan”), Bo`: the engine words it, since it
    /// has the names, the selections and the text).
    pub people: String,
}

impl ShareView {
    /// The status line: `Shared · live`, `Offline · 3 changes waiting`…
    pub fn status_line(&self) -> String {
        let waiting = match self.waiting {
            0 => String::new(),
            1 => " · 1 change waiting".to_string(),
            n => format!(" · {n} changes waiting"),
        };
        let mode = if self.can_write { "" } else { " · read-only" };
        let waiting = match self.others {
            0 => waiting,
            n => format!(" · {n} here{waiting}"),
        };
        match &self.phase {
            SharePhase::Connecting => format!("Shared · connecting{mode}{waiting}"),
            SharePhase::Live => format!("Shared · live{mode}{waiting}"),
            SharePhase::Offline => format!("Shared · offline{mode}{waiting}"),
            SharePhase::Denied(reason) => format!("Shared · the server refused this link ({reason})"),
        }
    }

    /// The `data-share-state` attribute.
    pub fn state_attr(&self) -> &'static str {
        match self.phase {
            SharePhase::Connecting => "connecting",
            SharePhase::Live => "live",
            SharePhase::Offline => "offline",
            SharePhase::Denied(_) => "denied",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines_table() {
        let view = |phase, can_write, waiting| ShareView { room: "mg1.x".into(), can_write, phase, waiting, links: None, others: 0, people: String::new() };
        for (v, line, attr) in [
            (view(SharePhase::Live, true, 0), "Shared · live", "live"),
            (view(SharePhase::Offline, true, 3), "Shared · offline · 3 changes waiting", "offline"),
            (view(SharePhase::Connecting, false, 0), "Shared · connecting · read-only", "connecting"),
            (view(SharePhase::Live, true, 1), "Shared · live · 1 change waiting", "live"),
            (ShareView { others: 2, ..view(SharePhase::Live, true, 0) }, "Shared · live · 2 here", "live"),
            (view(SharePhase::Denied("permission-denied".into()), true, 0), "Shared · the server refused this link (permission-denied)", "denied"),
        ] {
            assert_eq!(v.status_line(), line);
            assert_eq!(v.state_attr(), attr);
        }
    }
}
