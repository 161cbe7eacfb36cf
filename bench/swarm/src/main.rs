//! bench:audience's room of phones, native: N WebSockets served by one thread, each frame timed
//! the moment it is read. In a real room every phone reads its own frame; one Node process
//! standing in for 2,000 of them parses, decodes and dispatches each frame in JS (~15–30 µs), so
//! the 2,000th phone's "arrival" was partly the swarm's own queue. Here a read costs a system call
//! and a frame header, so what is timed is the server's delivery — the same for the app and the
//! raw `ws` floor, which both use this swarm.
//!
//! Speaks socket.io's wire protocol (engine.io v4 over one WebSocket, as bench/wire-client.mjs
//! does: `0{…}` OPEN → `40` (+ auth JSON) → `40{…}`; events `42["name",…]`; ping `2` → pong `3`)
//! or, for the floor, plain WebSocket text frames.
//!
//! Commands, one JSON object per line on stdin; answers, one per line on stdout (the same messages
//! as the Node swarm's IPC, bench/audience-swarm.mjs):
//!   {t:"connect", url, n, batch, kind?:"ws"}  → {t:"connected", n, ms}
//!   {t:"count"}                               → {t:"counting"}
//!   {t:"report"}                              → {t:"report", arrivals:{rev:[ms]}, bytes:{event:{count,bytes}}, connected, recording:[{dt,text}]}
//!   {t:"close"}                               → {t:"closed"}
//!   {t:"exit"}
//! Times are CLOCK_MONOTONIC in milliseconds — Node's `process.hrtime` — so the bench compares
//! them with its own across processes.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

use futures_util::{SinkExt, StreamExt};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::sync::oneshot;
use tokio::task::{spawn_local, JoinHandle, LocalSet};
use tokio_tungstenite::tungstenite::Message;

/// CLOCK_MONOTONIC in ms (uv_hrtime's clock, which Node's `process.hrtime` reads).
fn now_ms() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes the timespec it is given; CLOCK_MONOTONIC always exists on Linux.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as f64 * 1e3 + ts.tv_nsec as f64 / 1e6
}

#[derive(Deserialize)]
struct Command {
    t: String,
    url: Option<String>,
    n: Option<usize>,
    batch: Option<usize>,
    kind: Option<String>,
}

#[derive(Serialize, Default, Clone, Copy)]
struct Bytes {
    count: u64,
    bytes: u64,
}

#[derive(Serialize)]
struct Recorded {
    dt: f64,
    text: String,
}

/// What the phones saw while counting.
#[derive(Default)]
struct Seen {
    counting: bool,
    started: f64,
    arrivals: HashMap<u64, Vec<f64>>,
    bytes: HashMap<String, Bytes>,
    recording: Vec<Recorded>,
}

impl Seen {
    fn frame(&mut self, index: usize, text: &str, at: f64) {
        if !self.counting {
            return;
        }
        let event = event_name(text);
        if event == "deck:state" {
            if let Some(rev) = deck_rev(text) {
                self.arrivals.entry(rev).or_default().push(at);
            }
        }
        let b = self.bytes.entry(event.to_owned()).or_default();
        b.count += 1;
        b.bytes += text.len() as u64;
        if index == 0 {
            self.recording.push(Recorded {
                dt: at - self.started,
                text: text.to_owned(),
            });
        }
    }
}

/// The event name of `42["name",…` (socket.io) — or of a floor frame, which is the same text.
fn event_name(frame: &str) -> &str {
    let Some(start) = frame.find('"').map(|i| i + 1) else {
        return "";
    };
    frame[start..]
        .find('"')
        .map_or("", |len| &frame[start..start + len])
}

/// The `rev` of a `42["deck:state",{…}]` frame.
fn deck_rev(frame: &str) -> Option<u64> {
    let value: serde_json::Value = serde_json::from_str(frame.get(2..)?).ok()?;
    value.get(1)?.get("rev")?.as_u64()
}

type Shared = Rc<RefCell<Seen>>;

/// One phone: connects, joins (socket.io) and reads until the socket closes. `joined` says
/// whether it got in; `open` counts the phones connected now.
async fn phone(
    index: usize,
    url: String,
    plain: bool,
    seen: Shared,
    open: Rc<Cell<usize>>,
    joined: oneshot::Sender<bool>,
) {
    let target = if plain {
        url.replacen("http", "ws", 1)
    } else {
        format!(
            "{}/socket.io/?EIO=4&transport=websocket",
            url.replacen("http", "ws", 1)
        )
    };
    let Ok((mut ws, _)) = tokio_tungstenite::connect_async_with_config(target, None, true).await
    else {
        let _ = joined.send(false);
        return;
    };
    let mut joined = Some(joined);
    if plain {
        open.set(open.get() + 1);
        let _ = joined.take().map(|j| j.send(true));
    }
    while let Some(Ok(msg)) = ws.next().await {
        let at = now_ms();
        let Message::Text(text) = msg else { continue };
        let text = text.as_str();
        if plain || text.starts_with("42") {
            seen.borrow_mut().frame(index, text, at);
        } else if text == "2" {
            if ws.send(Message::text("3")).await.is_err() {
                break;
            }
        } else if text.starts_with('0') {
            if ws.send(Message::text("40")).await.is_err() {
                break;
            }
        } else if text.starts_with("40") {
            open.set(open.get() + 1);
            let _ = joined.take().map(|j| j.send(true));
        } else if text.starts_with("44") {
            break;
        }
    }
    if joined.is_none() {
        open.set(open.get() - 1);
    } else {
        let _ = joined.take().map(|j| j.send(false));
    }
}

fn answer(value: serde_json::Value) {
    let mut out = std::io::stdout().lock();
    let _ = serde_json::to_writer(&mut out, &value);
    let _ = out.write_all(b"\n");
    let _ = out.flush();
}

async fn serve() {
    let seen: Shared = Rc::default();
    let open = Rc::new(Cell::new(0usize));
    let mut phones: Vec<JoinHandle<()>> = Vec::new();
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        let cmd: Command = match serde_json::from_str(&line) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("swarm: bad command {line:?}: {e}");
                continue;
            }
        };
        match cmd.t.as_str() {
            "connect" => {
                let (Some(url), Some(n)) = (cmd.url, cmd.n) else {
                    eprintln!("swarm: connect needs url and n");
                    continue;
                };
                let batch = cmd.batch.unwrap_or(100).max(1);
                let plain = cmd.kind.as_deref() == Some("ws");
                let started = now_ms();
                let mut index = 0;
                while index < n {
                    let mut waits = Vec::new();
                    for i in index..(index + batch).min(n) {
                        let (tx, rx) = oneshot::channel();
                        phones.push(spawn_local(phone(
                            i,
                            url.clone(),
                            plain,
                            seen.clone(),
                            open.clone(),
                            tx,
                        )));
                        waits.push(rx);
                    }
                    for w in waits {
                        let _ = w.await;
                    }
                    index += batch;
                }
                answer(
                    serde_json::json!({ "t": "connected", "n": open.get(), "ms": now_ms() - started }),
                );
            }
            "count" => {
                let mut s = seen.borrow_mut();
                *s = Seen {
                    counting: true,
                    started: now_ms(),
                    ..Seen::default()
                };
                answer(serde_json::json!({ "t": "counting" }));
            }
            "report" => {
                let mut s = seen.borrow_mut();
                s.counting = false;
                let arrivals: HashMap<String, &Vec<f64>> =
                    s.arrivals.iter().map(|(k, v)| (k.to_string(), v)).collect();
                answer(serde_json::json!({
                    "t": "report",
                    "arrivals": arrivals,
                    "bytes": s.bytes,
                    "connected": open.get(),
                    "recording": s.recording,
                }));
            }
            "close" => {
                for p in phones.drain(..) {
                    p.abort();
                    let _ = p.await;
                }
                // An aborted phone never reaches its own count-down.
                open.set(0);
                answer(serde_json::json!({ "t": "closed" }));
            }
            "exit" => break,
            other => eprintln!("swarm: unknown command {other:?}"),
        }
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    LocalSet::new().block_on(&runtime, serve());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_event_name_and_rev() {
        let frame = r#"42["deck:state",{"slide":3,"fragment":-1,"rev":17}]"#;
        assert_eq!(event_name(frame), "deck:state");
        assert_eq!(deck_rev(frame), Some(17));
        assert_eq!(
            event_name(r#"42["latency:windows",[{"rev":2}]]"#),
            "latency:windows"
        );
        assert_eq!(deck_rev(r#"42["deck:state","no object"]"#), None);
        assert_eq!(event_name("3"), "");
    }
}
