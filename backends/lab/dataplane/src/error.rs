//! The data plane's errors, one enum as ztunnel has one (istio/ztunnel src/proxy.rs `Error`).
//! Display texts that reach the controller (a window's `firstError`, a probe's `error`) are the
//! underlying error's own, as they were before these types.
use std::io;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A line on the IPC channel that is not JSON.
    #[error("unreadable message ({0})")]
    UnreadableMessage(serde_json::Error),
    /// JSON that is not one of this role's messages: unknown `t`, unknown or missing field.
    #[error("bad {t} message: {source}")]
    BadMessage { t: String, source: serde_json::Error },

    #[error(transparent)]
    Io(#[from] io::Error),
}
