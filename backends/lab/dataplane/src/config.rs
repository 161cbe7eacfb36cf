//! What the controller tells each process (`ControllerToChild` in ipc.ts), as serde types.
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Clone, Debug, Deserialize, PartialEq, Eq, Hash)]
pub struct Endpoint {
    pub host: String,
    pub port: u16,
}

impl Endpoint {
    pub fn addr(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    pub spiffe: String,
    pub cert_pem: String,
    pub key_pem: String,
    pub ca_pem: String,
}

/// Where an L7 proxy sends a request next.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq, Hash)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Upstream {
    H1 {
        host: String,
        port: u16,
        /// Local address to connect from: a sidecar's inbound hands requests to its app on the
        /// pod IP from 127.0.0.6 (Istio ≥ 1.10, InboundPassthroughBindIpv4).
        #[serde(default)]
        source: Option<String>,
    },
    /// Sidecar to sidecar: HTTP/1.1 over mTLS, Istio's default (no HTTP/2 upgrade).
    H1Mtls { host: String, port: u16, identity: String, peer: String },
    Hbone {
        host: String,
        port: u16,
        identity: String,
        peer: String,
        authority: String,
    },
}

/// Where an L4 proxy (ztunnel) sends a connection next.
#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum L4Upstream {
    Direct {
        host: String,
        port: u16,
    },
    Hbone {
        host: String,
        port: u16,
        identity: String,
        peer: String,
        authority: String,
    },
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct L7Route {
    pub upstream: Upstream,
    /// Client-side L7 proxies enforce retries, timeouts and faults; server-side ones only forward.
    pub enforce_policy: bool,
}

/// An HBONE authority leads to an L7 route (waypoint) or an L4 upstream (ztunnel).
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum HboneTarget {
    L7(L7Route),
    L4(L4Upstream),
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum RouteSelect {
    /// One call per listener (loopback tier): the route is `*`.
    Listener,
    /// The connection's destination before capture, `ip:port` (SO_ORIGINAL_DST).
    OriginalDst,
    /// `src>ip:port`: ztunnel speaks for several pods.
    #[serde(rename = "source+original-dst")]
    SourceOriginalDst,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "proto", rename_all = "kebab-case")]
pub enum ListenerSpec {
    H1 {
        id: String,
        host: String,
        port: u16,
        select: RouteSelect,
        routes: HashMap<String, L7Route>,
    },
    /// A sidecar's inbound port: mTLS or plain HTTP, told apart by the first byte (PERMISSIVE).
    H1Permissive {
        id: String,
        host: String,
        port: u16,
        identities: Vec<String>,
        routes: HashMap<String, L7Route>,
    },
    Hbone {
        id: String,
        host: String,
        port: u16,
        identities: Vec<String>,
        #[serde(rename = "byAuthority")]
        by_authority: HashMap<String, HboneTarget>,
    },
    Tcp {
        id: String,
        host: String,
        port: u16,
        select: RouteSelect,
        routes: HashMap<String, L4Upstream>,
    },
}

impl ListenerSpec {
    pub fn id(&self) -> &str {
        match self {
            ListenerSpec::H1 { id, .. } | ListenerSpec::H1Permissive { id, .. } | ListenerSpec::Hbone { id, .. } | ListenerSpec::Tcp { id, .. } => id,
        }
    }
    pub fn bind(&self) -> String {
        match self {
            ListenerSpec::H1 { host, port, .. }
            | ListenerSpec::H1Permissive { host, port, .. }
            | ListenerSpec::Hbone { host, port, .. }
            | ListenerSpec::Tcp { host, port, .. } => format!("{host}:{port}"),
        }
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RetryPolicy {
    pub enabled: bool,
    pub attempts: u32,
    /// 0: no per-try timeout, each try bounded only by the request's timeout — Cilium's node
    /// Envoy, whose operator writes none (lib/mesh/policies.ts `NO_PER_TRY_TIMEOUT`).
    pub per_try_timeout_ms: u64,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct TimeoutPolicy {
    pub enabled: bool,
    pub ms: u64,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct FaultPolicy {
    pub abort_percent: f64,
    pub abort_status: u16,
    pub delay_percent: f64,
    pub delay_ms: u64,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct L7Policy {
    pub retries: RetryPolicy,
    pub timeout: TimeoutPolicy,
    pub fault: FaultPolicy,
    pub mtls: bool,
}

impl L7Policy {
    /// What a server-side proxy applies: forward once, no deadline, no faults.
    pub fn none() -> L7Policy {
        L7Policy {
            retries: RetryPolicy {
                enabled: false,
                attempts: 1,
                per_try_timeout_ms: 1,
            },
            timeout: TimeoutPolicy { enabled: false, ms: 1 },
            fault: FaultPolicy {
                abort_percent: 0.0,
                abort_status: 503,
                delay_percent: 0.0,
                delay_ms: 0,
            },
            mtls: false,
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProxyConfig {
    pub id: String,
    pub kind: String,
    pub identities: HashMap<String, Identity>,
    pub listeners: Vec<ListenerSpec>,
    pub policy: L7Policy,
    pub stats_every_ms: u64,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkloadConfig {
    pub id: String,
    pub listen: Endpoint,
    pub upstream: Option<Endpoint>,
    pub payload_bytes: usize,
    pub error_percent: f64,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadgenConfig {
    pub id: String,
    pub target: Endpoint,
    pub rps: f64,
    pub window_ms: u64,
    pub mode: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_listener_shapes_the_controller_sends() {
        let json = r#"[
          {"id":"outbound","proto":"h1","host":"0.0.0.0","port":15001,"select":"original-dst",
           "routes":{"10.96.0.12:80":{"upstream":{"kind":"h1-mtls","host":"10.244.1.12","port":8080,"identity":"web","peer":"spiffe://cluster.local/ns/demo/sa/catalog"},"enforcePolicy":true}}},
          {"id":"inbound","proto":"h1-permissive","host":"0.0.0.0","port":15006,"identities":["web"],
           "routes":{"*":{"upstream":{"kind":"h1","host":"127.0.0.1","port":8080},"enforcePolicy":false}}},
          {"id":"hbone","proto":"hbone","host":"0.0.0.0","port":15008,"identities":["waypoint"],
           "byAuthority":{"10.244.2.10:8080":{"upstream":{"kind":"hbone","host":"10.244.2.1","port":15008,"identity":"waypoint","peer":"spiffe://x","authority":"10.244.2.10:8080"},"enforcePolicy":true},
                          "10.244.1.11:8080":{"kind":"direct","host":"10.244.1.11","port":8080}}},
          {"id":"outbound","proto":"tcp","host":"0.0.0.0","port":15001,"select":"source+original-dst","routes":{"10.244.1.10>10.96.0.11:80":{"kind":"direct","host":"10.244.1.11","port":8080}}}
        ]"#;
        let specs: Vec<ListenerSpec> = serde_json::from_str(json).unwrap();
        assert_eq!(specs.len(), 4);
        match &specs[2] {
            ListenerSpec::Hbone { by_authority, .. } => {
                assert!(matches!(by_authority["10.244.2.10:8080"], HboneTarget::L7(_)));
                assert!(matches!(by_authority["10.244.1.11:8080"], HboneTarget::L4(L4Upstream::Direct { .. })));
            }
            other => panic!("not hbone: {other:?}"),
        }
        assert!(matches!(
            &specs[3],
            ListenerSpec::Tcp {
                select: RouteSelect::SourceOriginalDst,
                ..
            }
        ));
    }
}
