//! The kernel floor of a path: the same pods, veths, bridges and node link as the data plane's,
//! with the least user space possible — blocking sockets, one thread per connection, a fixed
//! request and response, no HTTP, no event loop. A ping-pong over it gives the latency below
//! which no data plane on this machine can go; the bench prints it beside every mode.
//!   relay: reads a request, passes it to the next relay (if any), answers once answered
//!   client: one connection, `rounds` ping-pongs, the percentiles — back to back, or one every
//!           `interval_us` like an open-loop load (then each round starts on a CPU that idled
//!           for the rest of the interval and pays the wake-up, as every request of the load does)
use crate::config::{Endpoint, FloorClientConfig, FloorRelayConfig};
use crate::error::Error;
use crate::ipc::{self, Inbox, Outbox};
use crate::messages::{ChildMessage, FloorResult, ToFloorClient, ToFloorRelay};
use crate::stats::{summarize, Summary};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Instant;

pub const REQUEST_BYTES: usize = 64;

fn connect(e: &Endpoint) -> std::io::Result<TcpStream> {
    let s = TcpStream::connect((e.host.as_str(), e.port))?;
    s.set_nodelay(true)?;
    Ok(s)
}

fn serve(mut down: TcpStream, upstream: Option<Endpoint>, response_bytes: usize) -> std::io::Result<()> {
    down.set_nodelay(true)?;
    let mut up = upstream.as_ref().map(connect).transpose()?;
    let mut request = [0u8; REQUEST_BYTES];
    let mut response = vec![b'x'; response_bytes];
    loop {
        down.read_exact(&mut request)?;
        if let Some(up) = up.as_mut() {
            up.write_all(&request)?;
            up.read_exact(&mut response)?;
        }
        down.write_all(&response)?;
    }
}

fn relay(config: FloorRelayConfig, out: &Outbox) -> std::io::Result<()> {
    let listener = TcpListener::bind(config.listen.addr())?;
    ipc::ready(out, &config.id);
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let (upstream, size) = (config.upstream.clone(), config.response_bytes);
            std::thread::spawn(move || serve(conn, upstream, size));
        }
    });
    Ok(())
}

fn ping_pong(config: &FloorClientConfig) -> std::io::Result<Summary> {
    let mut conn = connect(&config.target)?;
    let request = [b'q'; REQUEST_BYTES];
    let mut response = vec![0u8; config.response_bytes];
    let mut h = hdrhistogram::Histogram::<u64>::new_with_bounds(1, 120_000_000, 3).expect("bounds");
    let interval = std::time::Duration::from_micros(config.interval_us);
    for round in 0..config.rounds + config.rounds / 10 {
        let t0 = Instant::now();
        let next = t0 + interval;
        conn.write_all(&request)?;
        conn.read_exact(&mut response)?;
        // The first tenth warms caches and the path; it is not counted.
        if round >= config.rounds / 10 {
            h.saturating_record((t0.elapsed().as_nanos() as u64 / 1000).max(1));
        }
        if let Some(gap) = next.checked_duration_since(Instant::now()) {
            std::thread::sleep(gap);
        }
    }
    Ok(summarize(&h, false))
}

pub async fn run(role: &str, mut inbox: Inbox, out: Outbox) {
    if role == "floor-relay" {
        let config = ipc::config::<ToFloorRelay>(&mut inbox, &out, role).await;
        let id = config.id.clone();
        if let Err(e) = relay(config, &out) {
            ipc::fatal(&out, &id, e.to_string()).await;
        }
    } else {
        let config = ipc::config::<ToFloorClient>(&mut inbox, &out, role).await;
        let id = config.id.clone();
        ipc::ready(&out, &id);
        let result = match tokio::task::spawn_blocking(move || ping_pong(&config)).await {
            Ok(r) => r.map_err(Error::from),
            Err(e) => Err(Error::from(e)),
        };
        let (summary, error) = match result {
            Ok(s) => (Some(s), None),
            Err(e) => (None, Some(e.to_string())),
        };
        out.send(&ChildMessage::FloorResult(FloorResult { id, summary, error }));
    }
    // Nothing more is said to a floor process; it lives until the controller closes the channel.
    while inbox.next::<serde_json::Value>().await.is_some() {}
    std::process::exit(0);
}
