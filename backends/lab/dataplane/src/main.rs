//! meshstage-dataplane: the local lab's data plane in one binary, on the stack of Istio's ztunnel
//! and linkerd2-proxy (tokio, hyper, h2, rustls). The lab controller (TypeScript) starts one
//! process per role and talks to it over Node's IPC channel:
//!   meshstage-dataplane proxy     ztunnel, sidecar, waypoint or node L7 proxy (by its listeners)
//!   meshstage-dataplane workload  a demo service (standalone in a pod when started without IPC)
//!   meshstage-dataplane loadgen   the open-loop load generator
//!   meshstage-dataplane floor-relay|floor-client   the kernel floor: raw TCP ping-pong on the same path
//! Each process runs one thread: the lab pins its measured chain to one CPU.
mod config;
mod error;
mod floor;
mod hbone;
mod io;
mod ipc;
mod loadgen;
mod messages;
mod origdst;
mod policy;
mod pool;
mod proxy;
mod stats;
mod timer;
mod tls;
mod workload;

const USAGE: &str = "usage: meshstage-dataplane proxy|workload|loadgen|floor-relay|floor-client (started by the lab controller; `workload` also runs standalone, configured by APP_NAME, PORT, UPSTREAM, PAYLOAD_BYTES, ERROR_PERCENT)";

fn main() {
    let role = std::env::args().nth(1).unwrap_or_default();
    if !matches!(role.as_str(), "proxy" | "workload" | "loadgen" | "floor-relay" | "floor-client") {
        eprintln!("{USAGE}");
        std::process::exit(2);
    }
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
    runtime.block_on(async move {
        match (role.as_str(), ipc::open()) {
            ("workload", None) => workload::run_standalone().await,
            (_, None) => {
                eprintln!("meshstage-dataplane {role}: no IPC channel (NODE_CHANNEL_FD); {USAGE}");
                std::process::exit(2);
            }
            ("proxy", Some((inbox, out))) => proxy::run(inbox, out).await,
            ("workload", Some((inbox, out))) => workload::run(inbox, out).await,
            ("loadgen", Some((inbox, out))) => loadgen::run(inbox, out).await,
            (role, Some((inbox, out))) => floor::run(role, inbox, out).await,
        }
    });
}
