//! The lab controller's IPC channel: Node's `ipc` stdio is a Unix socket whose fd the child finds
//! in `NODE_CHANNEL_FD`, carrying one JSON message per line (Node's default `json` serialization).
//! The message shapes mirror `backends/lab/ipc.ts`, the one contract both sides follow.
use serde::Serialize;
use serde_json::Value;
use std::os::fd::FromRawFd;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

#[derive(Clone)]
pub struct Outbox(mpsc::UnboundedSender<String>);

impl Outbox {
    pub fn send<T: Serialize>(&self, message: &T) {
        if let Ok(mut line) = serde_json::to_string(message) {
            line.push('\n');
            // The controller may already be gone during shutdown: a late message is not an error.
            let _ = self.0.send(line);
        }
    }
}

pub struct Inbox(tokio::io::Lines<BufReader<tokio::net::unix::OwnedReadHalf>>);

impl Inbox {
    /// The next message; `None` once the controller closed the channel.
    pub async fn next(&mut self) -> Option<Value> {
        loop {
            match self.0.next_line().await {
                Ok(Some(line)) if line.trim().is_empty() => continue,
                Ok(Some(line)) => match serde_json::from_str(&line) {
                    Ok(v) => return Some(v),
                    Err(e) => eprintln!("ipc: unreadable message ({e})"),
                },
                _ => return None,
            }
        }
    }
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

#[derive(Serialize)]
pub struct Ready<'a> {
    pub t: &'static str,
    pub id: &'a str,
}

pub fn ready(out: &Outbox, id: &str) {
    out.send(&Ready { t: "ready", id });
}

#[derive(Serialize)]
pub struct Fatal<'a> {
    pub t: &'static str,
    pub id: &'a str,
    pub message: String,
}

/// Reports a start-up failure to the controller (which rejects `ready()`), then exits.
pub async fn fatal(out: &Outbox, id: &str, message: String) -> ! {
    eprintln!("{id}: {message}");
    out.send(&Fatal { t: "fatal", id, message });
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    std::process::exit(1)
}

/// Waits for the controller's `config` message (every child's first) and reads it as `T`; exits
/// when the controller is gone, reports a malformed one as fatal.
pub async fn config<T: serde::de::DeserializeOwned>(inbox: &mut Inbox, out: &Outbox, role: &str) -> T {
    loop {
        match inbox.next().await {
            None => std::process::exit(0),
            Some(m) if m["t"] == "config" => match serde_json::from_value(m) {
                Ok(c) => return c,
                Err(e) => fatal(out, role, format!("bad config: {e}")).await,
            },
            Some(_) => continue,
        }
    }
}

pub const VIA_HEADER: &str = "x-meshstage-via";
pub const REQUEST_ID_HEADER: &str = "x-request-id";
