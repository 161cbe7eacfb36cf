//! One proxy process: an L7 proxy (sidecar, waypoint, node L7 proxy) or an L4 one (ztunnel),
//! depending on the listeners the controller gives it. It counts what it sees and times its own
//! share of each request, so the latency can be split across hops.
mod l4;
mod l7;
mod listeners;
mod state;
#[cfg(test)]
mod tests;

use crate::ipc::{self, Inbox, Outbox};
use crate::messages::{ChildMessage, ToProxy};
pub use l7::new_request_id;
pub use state::Proxy;
use std::sync::Arc;
use std::time::Duration;

pub async fn run(mut inbox: Inbox, out: Outbox) {
    let config = ipc::config::<ToProxy>(&mut inbox, &out, "proxy").await;
    let proxy = Arc::new(Proxy::new(&config));
    if let Err(e) = listeners::start(&proxy, &config.listeners).await {
        ipc::fatal(&out, &config.id, e.to_string()).await;
    }
    let every = Duration::from_millis(config.stats_every_ms.max(10));
    {
        let (proxy, out) = (proxy.clone(), out.clone());
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                out.send(&ChildMessage::Stats(proxy.stats(None)));
            }
        });
    }
    ipc::ready(&out, &config.id);
    while let Some(m) = inbox.next::<ToProxy>().await {
        match m {
            Ok(ToProxy::Policy { policy }) => proxy.set_policy(policy),
            Ok(ToProxy::Routes { listeners }) => {
                if let Err(e) = proxy.set_routes(listeners) {
                    eprintln!("{}: {e}", config.id);
                }
            }
            Ok(ToProxy::StatsNow { req_id }) => out.send(&ChildMessage::Stats(proxy.stats(Some(req_id)))),
            Ok(ToProxy::Config(_)) => eprintln!("{}: a second config, ignored (listeners stay bound)", config.id),
            Err(e) => eprintln!("{}: {e}", config.id),
        }
    }
    // The controller is gone: so are we.
    std::process::exit(0);
}
