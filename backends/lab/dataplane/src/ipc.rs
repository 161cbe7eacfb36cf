//! The lab controller's IPC channel: Node's `ipc` stdio is a Unix socket whose fd the child finds
//! in `NODE_CHANNEL_FD`, carrying one JSON message per line (Node's default `json` serialization).
//! The messages themselves are in messages.rs (the Rust half of `backends/lab/ipc.ts`).
use crate::error::Error;
use crate::messages::{ChildMessage, WithConfig};
use serde::de::DeserializeOwned;
use std::os::fd::FromRawFd;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

#[derive(Clone)]
pub struct Outbox(mpsc::UnboundedSender<String>);

impl Outbox {
    pub fn send(&self, message: &ChildMessage) {
        if let Ok(mut line) = serde_json::to_string(message) {
            line.push('\n');
            // The controller may already be gone during shutdown: a late message is not an error.
            let _ = self.0.send(line);
        }
    }
}

pub struct Inbox(tokio::io::Lines<BufReader<tokio::net::unix::OwnedReadHalf>>);

impl Inbox {
    /// The next message as this role's enum `M`; `None` once the controller closed the channel.
    pub async fn next<M: DeserializeOwned>(&mut self) -> Option<Result<M, Error>> {
        loop {
            match self.0.next_line().await {
                Ok(Some(line)) if line.trim().is_empty() => continue,
                Ok(Some(line)) => return Some(parse(&line)),
                _ => return None,
            }
        }
    }
}

/// One line as `M`; the error names the message's `t` (which message was malformed).
pub fn parse<M: DeserializeOwned>(line: &str) -> Result<M, Error> {
    let value: serde_json::Value = serde_json::from_str(line).map_err(Error::UnreadableMessage)?;
    let t = value.get("t").and_then(|t| t.as_str()).unwrap_or("untagged").to_string();
    serde_json::from_value(value).map_err(|source| Error::BadMessage { t, source })
}

/// Opens the channel the controller gave this process, or `None` when started without one
/// (a workload in a Kubernetes pod, configured from its environment).
pub fn open() -> Option<(Inbox, Outbox)> {
    let fd: i32 = std::env::var("NODE_CHANNEL_FD").ok()?.parse().ok()?;
    // SAFETY: the fd was handed to this process by its parent for exactly this use.
    let std_stream = unsafe { std::os::unix::net::UnixStream::from_raw_fd(fd) };
    std_stream.set_nonblocking(true).ok()?;
    let stream = tokio::net::UnixStream::from_std(std_stream).ok()?;
    let (read, mut write) = stream.into_split();
    let (tx, mut rx) = mpsc::unbounded_channel::<String>();
    tokio::spawn(async move {
        while let Some(line) = rx.recv().await {
            if write.write_all(line.as_bytes()).await.is_err() {
                break;
            }
        }
    });
    Some((Inbox(BufReader::new(read).lines()), Outbox(tx)))
}

pub fn ready(out: &Outbox, id: &str) {
    out.send(&ChildMessage::Ready { id: id.to_string() });
}

/// Reports a start-up failure to the controller (which rejects `ready()`), then exits.
pub async fn fatal(out: &Outbox, id: &str, message: String) -> ! {
    eprintln!("{id}: {message}");
    out.send(&ChildMessage::Fatal { id: id.to_string(), message });
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    std::process::exit(1)
}

/// Waits for the controller's `config` message (every child's first) and returns it; exits when
/// the controller is gone, reports a malformed one as fatal. A malformed message before it is
/// logged (the controller sends none: config comes first).
pub async fn config<M: WithConfig>(inbox: &mut Inbox, out: &Outbox, role: &str) -> M::Config {
    loop {
        match inbox.next::<M>().await {
            None => std::process::exit(0),
            Some(Ok(m)) => match m.into_config() {
                Some(c) => return c,
                None => eprintln!("{role}: a message before its config, ignored"),
            },
            Some(Err(Error::BadMessage { t, source })) if t == "config" => fatal(out, role, format!("bad config: {source}")).await,
            Some(Err(e)) => eprintln!("{role}: {e}"),
        }
    }
}

pub const VIA_HEADER: &str = "x-meshstage-via";
pub const REQUEST_ID_HEADER: &str = "x-request-id";
