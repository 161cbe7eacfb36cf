//! The client pod's load generator. Open loop at a constant rate: request i is due at
//! start + i/rate whether or not earlier ones have finished, and its latency is timed from that
//! intended time — so a stall shows up in the percentiles (no coordinated omission, as in wrk2).
//! Latency percentiles are of successful answers; every 5xx, reset, refused or timed-out
//! request is an error, counted apart.
use crate::config::Endpoint;
use crate::error::Error;
use crate::io::tcp_connect;
use crate::ipc::{self, Inbox, Outbox, REQUEST_ID_HEADER, VIA_HEADER};
use crate::messages::{ChildMessage, Load, LoadgenCounters, LoadgenWindow, ProbeResult, ToLoadgen};
use crate::pool::{Connector, H1Pool};
use crate::proxy::new_request_id;
use crate::stats::{ProcessUsage, WindowHistogram};
use crate::timer::{now_ns, PreciseTimer};
use bytes::Bytes;
use http::StatusCode;
use http_body_util::{BodyExt, Empty};
use hyper_util::rt::TokioIo;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;

/// A request not answered in this time is an error (fortio's default timeout on the kind backend).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(3);
/// After a switch (or any change of condition) the first second at full rate, then the time until
/// no more than 50 ms worth of requests are outstanding, stay out of the cumulative figures — at
/// most SETTLE_MAX_NS, so a path that cannot carry the load still shows it.
const WARMUP_NS: u64 = 1_000_000_000;
const SETTLE_MAX_NS: u64 = 8_000_000_000;

struct State {
    target: Option<Endpoint>,
    pool: Option<Arc<H1Pool>>,
    rps: f64,
    mode: String,
    epoch_ns: u64,
    sent: u64,
    latency: WindowHistogram,
    lag: WindowHistogram,
    completed: u64,
    errors: u64,
    first_error: Option<String>,
    settle_from: u64,
    settled: bool,
    inflight: u64,
    usage: ProcessUsage,
    /** Since the start, never reset: what a test proves a path by (sent = ok + failed + inflight). */
    totals: Totals,
    /// Bumped by every new mode or condition: an answer to a request sent before it (a slow
    /// one, finishing after the switch) counts in the totals but not in the new figures.
    generation: u64,
}

#[derive(Default, Clone, Copy)]
struct Totals {
    sent: u64,
    ok: u64,
    failed: u64,
}

impl State {
    fn new(rps: f64, mode: &str, target: Option<Endpoint>) -> State {
        State {
            pool: target.as_ref().map(pool_for),
            target,
            rps,
            mode: mode.to_string(),
            epoch_ns: now_ns(),
            sent: 0,
            latency: WindowHistogram::default(),
            lag: WindowHistogram::default(),
            completed: 0,
            errors: 0,
            first_error: None,
            settle_from: 0,
            settled: true,
            inflight: 0,
            usage: ProcessUsage::default(),
            totals: Totals::default(),
            generation: 0,
        }
    }

    fn settle(&mut self) {
        self.settle_from = now_ns();
        self.settled = false;
    }

    fn restart_schedule(&mut self) {
        self.epoch_ns = now_ns();
        self.sent = 0;
    }

    fn due(&self, i: u64) -> u64 {
        self.epoch_ns + (i as f64 * 1e9 / self.rps) as u64
    }

    fn done(&mut self, intended_ns: u64, generation: u64, result: Result<StatusCode, Error>) {
        let now = now_ns();
        self.inflight = self.inflight.saturating_sub(1);
        if generation != self.generation {
            match result {
                Ok(status) if !status.is_server_error() => self.totals.ok += 1,
                _ => self.totals.failed += 1,
            }
            return;
        }
        let since = now.saturating_sub(self.settle_from);
        if !self.settled && since >= WARMUP_NS && (self.inflight as f64 <= (self.rps * 0.05).max(2.0) || since >= SETTLE_MAX_NS) {
            self.settled = true;
        }
        self.completed += 1;
        match result {
            Ok(status) if !status.is_server_error() => {
                self.totals.ok += 1;
                let us = now.saturating_sub(intended_ns) as f64 / 1000.0;
                if !self.settled || intended_ns < self.settle_from + WARMUP_NS {
                    self.latency.record_window_only(us);
                } else {
                    self.latency.record(us);
                }
            }
            Ok(status) => self.error(format!("answered {}", status.as_u16())),
            Err(e) => self.error(e.to_string()),
        }
    }

    fn error(&mut self, what: String) {
        self.errors += 1;
        self.totals.failed += 1;
        self.first_error.get_or_insert(what);
    }
}

fn pool_for(target: &Endpoint) -> Arc<H1Pool> {
    H1Pool::new(
        Connector::Tcp {
            host: target.host.clone(),
            port: target.port,
            source: None,
        },
        target.addr(),
    )
}

async fn one_request(pool: Arc<H1Pool>) -> Result<StatusCode, Error> {
    let mut headers = http::HeaderMap::new();
    headers.insert(REQUEST_ID_HEADER, http::HeaderValue::from_str(&new_request_id()).expect("hex"));
    // GETs, like fortio on the kind backend: the payload is the services' response on every hop.
    match tokio::time::timeout(REQUEST_TIMEOUT, pool.send(&http::Method::GET, "/", &headers, Bytes::new())).await {
        Ok(result) => result.map(|a| a.status),
        Err(_) => Err(Error::NoAnswerWithin(REQUEST_TIMEOUT)),
    }
}

fn issue(state: &Arc<Mutex<State>>, pool: Arc<H1Pool>, intended_ns: u64, generation: u64) {
    let state = state.clone();
    tokio::spawn(async move {
        let result = one_request(pool).await;
        state.lock().unwrap().done(intended_ns, generation, result);
    });
}

async fn schedule(state: Arc<Mutex<State>>, wake: Arc<Notify>) {
    let timer = PreciseTimer::new().expect("timerfd");
    loop {
        let next = {
            let mut s = state.lock().unwrap();
            match s.pool.clone() {
                Some(pool) if s.rps > 0.0 => {
                    let now = now_ns();
                    // Issue everything that is due, each stamped with its own intended time.
                    while s.due(s.sent) <= now {
                        let at = s.due(s.sent);
                        // How late the generator itself is (timer wake-up, a busy CPU): it is in
                        // every request's latency, so the bench reports it beside the floor.
                        let lag_us = (now - at) as f64 / 1000.0;
                        if s.settled {
                            s.lag.record(lag_us);
                        } else {
                            s.lag.record_window_only(lag_us);
                        }
                        s.sent += 1;
                        s.inflight += 1;
                        s.totals.sent += 1;
                        issue(&state, pool.clone(), at, s.generation);
                    }
                    Some(s.due(s.sent))
                }
                _ => None,
            }
        };
        // Let the requests just issued reach their sockets before the timer is re-armed.
        tokio::task::yield_now().await;
        match next {
            Some(at) => tokio::select! {
                _ = timer.sleep_until(at) => {}
                _ = wake.notified() => {}
            },
            None => wake.notified().await,
        }
    }
}

/// A new rate, target or mode. A new mode, or a new condition in the same one (policy, load,
/// error rate): its cumulative figures start afresh.
fn apply_load(s: &mut State, load: Load) {
    let retarget = s.target.as_ref() != Some(&load.target);
    s.rps = load.rps.max(0.0);
    let mode_changed = load.mode != s.mode;
    let restart = mode_changed || load.restart == Some(true);
    if restart {
        s.latency.reset_all();
        s.lag.reset_all();
        s.generation += 1;
    }
    if restart || load.settling == Some(true) {
        s.settle();
    }
    s.mode = load.mode;
    if retarget || mode_changed {
        // New requests take the new path (even when its first hop's address is unchanged); the
        // old pool's connections close once their requests are done.
        s.pool = Some(pool_for(&load.target));
    }
    s.target = Some(load.target);
    s.restart_schedule();
}

/// One request outside the load, on a connection of its own (so it takes the current path),
/// to show which processes it passed (the `via` header).
async fn probe(target: Endpoint, request_id: String) -> Result<(u16, Vec<String>), Error> {
    let work = async {
        let tcp = tcp_connect(&target.host, target.port).await?;
        let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(tcp)).await?;
        tokio::spawn(conn);
        let req = http::Request::get("/")
            .header(http::header::HOST, target.addr())
            .header(REQUEST_ID_HEADER, request_id)
            .body(Empty::<Bytes>::new())?;
        let res = sender.send_request(req).await?;
        let status = res.status().as_u16();
        let via = res.headers().get(VIA_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        res.into_body().collect().await?;
        Ok((
            status,
            if via.is_empty() {
                vec![]
            } else {
                via.split(", ").map(str::to_string).collect()
            },
        ))
    };
    tokio::time::timeout(REQUEST_TIMEOUT, work).await.unwrap_or(Err(Error::ProbeTimeout))
}

pub async fn run(mut inbox: Inbox, out: Outbox) {
    let config = ipc::config::<ToLoadgen>(&mut inbox, &out, "loadgen").await;
    let state = Arc::new(Mutex::new(State::new(config.rps, &config.mode, Some(config.target.clone()))));
    // The lab's cold start is a warm-up too, like every switch after it.
    state.lock().unwrap().settle();
    let wake = Arc::new(Notify::new());
    tokio::spawn(schedule(state.clone(), wake.clone()));
    {
        let (state, out, id, window_ms) = (state.clone(), out.clone(), config.id.clone(), config.window_ms);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_millis(window_ms.max(10)));
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            tick.tick().await;
            loop {
                tick.tick().await;
                let message = {
                    let mut s = state.lock().unwrap();
                    let (cpu_percent, _) = s.usage.sample();
                    let w = LoadgenWindow {
                        id: id.clone(),
                        mode: s.mode.clone(),
                        window_ms,
                        window: s.latency.take_window(),
                        cumulative: s.latency.total(),
                        send_lag: {
                            s.lag.take_window();
                            s.lag.total()
                        },
                        completed: s.completed,
                        errors: s.errors,
                        first_error: s.first_error.take(),
                        target_rps: s.rps,
                        cpu_percent,
                    };
                    s.completed = 0;
                    s.errors = 0;
                    ChildMessage::Window(w)
                };
                out.send(&message);
            }
        });
    }
    ipc::ready(&out, &config.id);

    while let Some(m) = inbox.next::<ToLoadgen>().await {
        match m {
            Ok(ToLoadgen::Load(load)) => {
                apply_load(&mut state.lock().unwrap(), load);
                wake.notify_one();
            }
            Ok(ToLoadgen::Counters { req_id }) => {
                let s = state.lock().unwrap();
                out.send(&ChildMessage::LoadgenCounters(LoadgenCounters {
                    req_id,
                    sent: s.totals.sent,
                    ok: s.totals.ok,
                    failed: s.totals.failed,
                    inflight: s.inflight,
                }));
            }
            Ok(ToLoadgen::Probe { req_id, request_id }) => {
                let target = state.lock().unwrap().target.clone();
                let out = out.clone();
                tokio::spawn(async move {
                    let result = match target {
                        Some(t) => probe(t, request_id).await,
                        None => Err(Error::NoTarget),
                    };
                    let (status, via, error) = match result {
                        Ok((s, v)) => (s, v, None),
                        Err(e) => (0, vec![], Some(e.to_string())),
                    };
                    out.send(&ChildMessage::ProbeResult(ProbeResult { req_id, status, via, error }));
                });
            }
            Ok(ToLoadgen::Config(_)) => eprintln!("{}: a second config, ignored", config.id),
            Err(e) => eprintln!("{}: {e}", config.id),
        }
    }
    std::process::exit(0);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(rps: f64) -> State {
        State::new(rps, "none", None)
    }

    #[test]
    fn errors_are_counted_and_kept_out_of_the_percentiles() {
        let mut s = state(100.0);
        let t = now_ns();
        s.inflight = 3;
        s.done(t, 0, Ok(StatusCode::OK));
        s.done(t, 0, Ok(StatusCode::SERVICE_UNAVAILABLE));
        s.done(t, 0, Err(std::io::Error::from(std::io::ErrorKind::ConnectionReset).into()));
        assert_eq!((s.completed, s.errors), (3, 2));
        assert_eq!(s.first_error.as_deref(), Some("answered 503"));
        assert_eq!(s.latency.total().count, 1);
    }

    #[test]
    fn a_settling_path_is_shown_live_but_kept_out_of_the_cumulative() {
        let mut s = state(100.0);
        s.settle();
        s.inflight = 1;
        s.done(now_ns(), 0, Ok(StatusCode::OK));
        assert_eq!(s.latency.total().count, 0);
        assert_eq!(s.latency.take_window().count, 1);
        // A second later with nothing outstanding, the path has settled.
        s.settle_from -= WARMUP_NS + 1;
        s.inflight = 1;
        s.done(now_ns(), 0, Ok(StatusCode::OK));
        assert!(s.settled);
        assert_eq!(s.latency.total().count, 1);
    }

    #[test]
    fn a_request_sent_before_a_switch_counts_in_the_totals_not_in_the_new_figures() {
        let mut s = state(100.0);
        s.inflight = 2;
        s.generation = 1;
        s.done(now_ns(), 0, Err(Error::NoAnswerWithin(REQUEST_TIMEOUT)));
        s.done(now_ns(), 0, Ok(StatusCode::OK));
        assert_eq!((s.completed, s.errors, s.first_error.clone()), (0, 0, None));
        assert_eq!((s.totals.ok, s.totals.failed, s.inflight), (1, 1, 0));
    }

    #[test]
    fn the_schedule_spaces_requests_by_the_rate() {
        let mut s = state(1000.0);
        s.epoch_ns = 5;
        assert_eq!((s.due(0), s.due(1), s.due(1000)), (5, 1_000_005, 1_000_000_005));
    }
}
