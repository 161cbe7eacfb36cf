//! What the controller configures each process with (the payloads of `ControllerToChild` in
//! ipc.ts), as serde types. Every struct and enum denies unknown fields: a field renamed on one
//! side is an error naming it, never a silent default (messages.rs holds the messages themselves).
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    pub host: String,
    pub port: u16,
}

/// A nullable field that must be present: serde takes a missing `Option` for None, which would
/// turn a renamed `upstream` into "no upstream" (with `deserialize_with`, missing is an error).
pub fn required<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::deserialize(d)
}

impl Endpoint {
    pub fn addr(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Identity {
    pub spiffe: String,
    pub cert_pem: String,
    pub key_pem: String,
    pub ca_pem: String,
}

/// Where an L7 proxy sends a request next.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Upstream {
    H1 {
        host: String,
        port: u16,
        /// Local address to connect from: a sidecar's inbound hands requests to its app on the
        /// pod IP from 127.0.0.6 (Istio ≥ 1.10, InboundPassthroughBindIpv4).
        #[serde(default, skip_serializing_if = "Option::is_none")]
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
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
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

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct L7Route {
    pub upstream: Upstream,
    /// Client-side L7 proxies enforce retries, timeouts and faults; server-side ones only forward.
    pub enforce_policy: bool,
}

/// What an HBONE listener does with a CONNECT for one authority (`byAuthority` in ipc.ts): an L7
/// route (waypoint: HTTP inside the tunnel) or an L4 upstream (ztunnel: bytes onward). The
/// client side of a tunnel is hbone::TunnelDial.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum AuthorityRoute {
    L7(L7Route),
    L4(L4Upstream),
}

/// Told apart by the `upstream` key that only an L7 route has. Not `#[serde(untagged)]`: its
/// error ("did not match any variant") would hide which field of which shape was wrong.
impl<'de> Deserialize<'de> for AuthorityRoute {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let value = serde_json::Value::deserialize(d)?;
        if value.get("upstream").is_some() {
            L7Route::deserialize(value).map(AuthorityRoute::L7).map_err(D::Error::custom)
        } else {
            L4Upstream::deserialize(value).map(AuthorityRoute::L4).map_err(D::Error::custom)
        }
    }
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
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

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "proto", rename_all = "kebab-case", deny_unknown_fields)]
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
        by_authority: HashMap<String, AuthorityRoute>,
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

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RetryPolicy {
    pub enabled: bool,
    pub attempts: u32,
    /// 0: no per-try timeout, each try bounded only by the request's timeout — Cilium's node
    /// Envoy, whose operator writes none (lib/mesh/policies.ts `NO_PER_TRY_TIMEOUT`).
    pub per_try_timeout_ms: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TimeoutPolicy {
    pub enabled: bool,
    pub ms: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultPolicy {
    pub abort_percent: f64,
    /// A number on the wire; one that is no HTTP status is refused when the message is read.
    #[serde(with = "status_code")]
    pub abort_status: http::StatusCode,
    pub delay_percent: f64,
    pub delay_ms: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
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
                abort_status: http::StatusCode::SERVICE_UNAVAILABLE,
                delay_percent: 0.0,
                delay_ms: 0,
            },
            mtls: false,
        }
    }
}

/// Which proxy a process plays (`ProxyKind` in lib/mesh/telemetry.ts).
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ProxyKind {
    Sidecar,
    Ztunnel,
    Waypoint,
    NodeL7,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProxyConfig {
    pub id: String,
    pub kind: ProxyKind,
    pub identities: HashMap<String, Identity>,
    pub listeners: Vec<ListenerSpec>,
    pub policy: L7Policy,
    pub stats_every_ms: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkloadConfig {
    pub id: String,
    pub listen: Endpoint,
    /// null for a leaf service; required all the same (see `required`).
    #[serde(deserialize_with = "required")]
    pub upstream: Option<Endpoint>,
    pub payload_bytes: usize,
    pub error_percent: f64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoadgenConfig {
    pub id: String,
    pub target: Endpoint,
    pub rps: f64,
    pub window_ms: u64,
    pub mode: String,
}

/// An HTTP status as the number ipc.ts sends.
mod status_code {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(status: &http::StatusCode, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u16(status.as_u16())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<http::StatusCode, D::Error> {
        let n = u16::deserialize(d)?;
        http::StatusCode::from_u16(n).map_err(|_| D::Error::custom(format!("{n} is not an HTTP status")))
    }
}

/// The kernel floor's relay (floor.rs): answers `responseBytes` per request, after asking
/// `upstream` when it has one.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FloorRelayConfig {
    pub id: String,
    pub listen: Endpoint,
    #[serde(deserialize_with = "required")]
    pub upstream: Option<Endpoint>,
    pub response_bytes: usize,
}

/// The kernel floor's client: `rounds` ping-pongs with `target`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FloorClientConfig {
    pub id: String,
    pub target: Endpoint,
    pub rounds: u64,
    pub response_bytes: usize,
    /// 0: back to back (closed loop).
    pub interval_us: u64,
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
                assert!(matches!(by_authority["10.244.2.10:8080"], AuthorityRoute::L7(_)));
                assert!(matches!(by_authority["10.244.1.11:8080"], AuthorityRoute::L4(L4Upstream::Direct { .. })));
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
