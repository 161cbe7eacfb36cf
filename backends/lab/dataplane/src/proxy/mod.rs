//! One proxy process: an L7 proxy (sidecar, waypoint, node L7 proxy) or an L4 one (ztunnel),
//! depending on the listeners the controller gives it. It counts what it sees and times its own
//! share of each request, so the latency can be split across hops.
mod l4;
mod l7;
mod listeners;
mod state;

use crate::config::{L7Policy, ListenerSpec, ProxyConfig};
use crate::ipc::{self, Inbox, Outbox};
pub use l7::new_request_id;
pub use state::Proxy;
use std::sync::Arc;
use std::time::Duration;

pub async fn run(mut inbox: Inbox, out: Outbox) {
    let config: ProxyConfig = ipc::config(&mut inbox, &out, "proxy").await;
    let proxy = match Proxy::new(&config) {
        Ok(p) => Arc::new(p),
        Err(e) => ipc::fatal(&out, &config.id, e).await,
    };
    if let Err(e) = listeners::start(&proxy, &config.listeners).await {
        ipc::fatal(&out, &config.id, e).await;
    }
    let every = Duration::from_millis(config.stats_every_ms.max(10));
    {
        let (proxy, out) = (proxy.clone(), out.clone());
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                out.send(&proxy.stats(None));
            }
        });
    }
    ipc::ready(&out, &config.id);
    while let Some(m) = inbox.next().await {
        match m["t"].as_str() {
            Some("policy") => match serde_json::from_value::<L7Policy>(m["policy"].clone()) {
                Ok(p) => proxy.set_policy(p),
                Err(e) => eprintln!("{}: bad policy: {e}", config.id),
            },
            Some("routes") => match serde_json::from_value::<Vec<ListenerSpec>>(m["listeners"].clone()) {
                Ok(l) => proxy.set_routes(l),
                Err(e) => eprintln!("{}: bad routes: {e}", config.id),
            },
            Some("stats-now") => out.send(&proxy.stats(m["reqId"].as_str().map(str::to_string))),
            _ => {}
        }
    }
    // The controller is gone: so are we.
    std::process::exit(0);
}
