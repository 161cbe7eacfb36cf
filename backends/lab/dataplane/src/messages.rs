//! Every message between the lab controller and this binary, both ways, as serde types: the Rust
//! half of `backends/lab/ipc.ts` (`ControllerToChild`, `ChildToController`). The JSON is tagged
//! by `t`, as ipc.ts has it. Each role reads its own enum, so a message meant for another role,
//! an unknown field or a missing one is an error that names it, not a default. Both halves are
//! held to one fixture, tests/ipc-fixtures.json (ipc-contract.test.ts writes and checks it from
//! the TypeScript side; `contract` below checks it from this one).
use crate::config::{Endpoint, FloorClientConfig, FloorRelayConfig, L7Policy, ListenerSpec, LoadgenConfig, ProxyConfig, ProxyKind, WorkloadConfig};
use crate::stats::Summary;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};

/// To a proxy (`ToProxy` in ipc.ts).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "kebab-case", deny_unknown_fields)]
pub enum ToProxy {
    Config(ProxyConfig),
    Policy {
        policy: L7Policy,
    },
    /// The listeners' new routes; the listeners themselves stay bound.
    Routes {
        listeners: Vec<ListenerSpec>,
    },
    StatsNow {
        #[serde(rename = "reqId")]
        req_id: String,
    },
}

/// To a demo workload (`ToWorkload` in ipc.ts).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "kebab-case", deny_unknown_fields)]
pub enum ToWorkload {
    Config(WorkloadConfig),
    /// Where its one downstream call goes now (null: a leaf service).
    Upstream {
        #[serde(deserialize_with = "crate::config::required")]
        upstream: Option<Endpoint>,
    },
    #[serde(rename_all = "camelCase")]
    Workload {
        payload_bytes: usize,
        error_percent: f64,
    },
}

/// To the load generator (`ToLoadgen` in ipc.ts).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "kebab-case", deny_unknown_fields)]
pub enum ToLoadgen {
    Config(LoadgenConfig),
    Load(Load),
    #[serde(rename_all = "camelCase")]
    Probe {
        req_id: String,
        request_id: String,
    },
    #[serde(rename_all = "camelCase")]
    Counters {
        req_id: String,
    },
}

/// A new rate, target or mode for the generator.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Load {
    pub rps: f64,
    pub target: Endpoint,
    pub mode: String,
    /// A ramp step after a switch: kept out of the cumulative figures until the path settles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settling: Option<bool>,
    /// A new condition: the cumulative figures start afresh (a new mode restarts them too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart: Option<bool>,
}

/// To a kernel-floor relay (`ToFloorRelay` in ipc.ts).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "kebab-case", deny_unknown_fields)]
pub enum ToFloorRelay {
    Config(FloorRelayConfig),
}

/// To the kernel-floor client (`ToFloorClient` in ipc.ts).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "kebab-case", deny_unknown_fields)]
pub enum ToFloorClient {
    Config(FloorClientConfig),
}

/// What every role's first message is: `config`, read by ipc::config.
pub trait WithConfig: serde::de::DeserializeOwned {
    type Config;
    fn into_config(self) -> Option<Self::Config>;
}

macro_rules! with_config {
    ($($message:ident => $config:ty),*) => {$(
        impl WithConfig for $message {
            type Config = $config;
            fn into_config(self) -> Option<$config> {
                #[allow(irrefutable_let_patterns)]
                if let $message::Config(c) = self {
                    Some(c)
                } else {
                    None
                }
            }
        }
    )*};
}
with_config!(ToProxy => ProxyConfig, ToWorkload => WorkloadConfig, ToLoadgen => LoadgenConfig, ToFloorRelay => FloorRelayConfig, ToFloorClient => FloorClientConfig);

/// From any role to the controller (`ChildToController` in ipc.ts).
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "t", rename_all = "kebab-case")]
pub enum ChildMessage {
    Ready {
        id: String,
    },
    /// A start-up failure: the controller rejects the child's `ready()`.
    Fatal {
        id: String,
        message: String,
    },
    Stats(ProxyStats),
    Window(LoadgenWindow),
    ProbeResult(ProbeResult),
    FloorResult(FloorResult),
    LoadgenCounters(LoadgenCounters),
}

#[derive(Clone, Debug, Default, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Counters {
    pub requests: u64,
    pub retries: u64,
    pub faults: u64,
    pub upstream_errors: u64,
    pub connections: u64,
    pub bytes: u64,
    pub hbone_in: u64,
    pub hbone_out: u64,
    /// Peer SPIFFE ids, TLS versions and ALPN seen on inbound mTLS/HBONE connections.
    pub peers: BTreeMap<String, u64>,
    pub tls_versions: BTreeMap<String, u64>,
    pub alpn: BTreeMap<String, u64>,
    /// The last request ids an L7 proxy handled (proof of path).
    pub recent_request_ids: VecDeque<String>,
}

/// A proxy's window: counters, its own time per request, CPU and RSS.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProxyStats {
    pub id: String,
    pub kind: ProxyKind,
    pub l7: bool,
    pub counters: Counters,
    #[serde(rename = "self")]
    pub self_: Summary,
    /// Own time per listener id (a sidecar's `inbound` and `outbound`).
    pub self_by_listener: BTreeMap<String, Summary>,
    pub cpu_percent: f64,
    pub rss_mb: f64,
    /// Set on an answer to `stats-now`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub req_id: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadgenWindow {
    pub id: String,
    pub mode: String,
    pub window_ms: u64,
    pub window: Summary,
    pub cumulative: Summary,
    /// The generator's lateness at send, over the same span as `cumulative`.
    pub send_lag: Summary,
    pub completed: u64,
    pub errors: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_error: Option<String>,
    pub target_rps: f64,
    pub cpu_percent: f64,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProbeResult {
    pub req_id: String,
    pub status: u16,
    pub via: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FloorResult {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The generator's totals since it started: sent = ok + failed + inflight.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadgenCounters {
    pub req_id: String,
    pub sent: u64,
    pub ok: u64,
    pub failed: u64,
    pub inflight: u64,
}

#[cfg(test)]
mod contract {
    //! The Rust side of tests/ipc-fixtures.json (see ipc-contract.test.ts for the TypeScript side).
    use super::*;
    use crate::ipc::parse;
    use serde::de::DeserializeOwned;
    use serde_json::{json, Value};

    const FIXTURE: &str = include_str!("../tests/ipc-fixtures.json");

    fn fixture() -> Value {
        serde_json::from_str(FIXTURE).expect("tests/ipc-fixtures.json is JSON")
    }

    /// Where two JSON values differ, as `path: rust ≠ fixture` lines. Numbers compare by value:
    /// serde_json writes an f64 500 as `500.0`, JavaScript as `500`.
    fn differences(path: &str, rust: &Value, fixture: &Value, out: &mut Vec<String>) {
        match (rust, fixture) {
            (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
            (Value::Object(a), Value::Object(b)) => {
                for key in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
                    match (a.get(key), b.get(key)) {
                        (Some(x), Some(y)) => differences(&format!("{path}.{key}"), x, y, out),
                        (Some(_), None) => out.push(format!("{path}.{key}: Rust has it, the fixture does not")),
                        (None, _) => out.push(format!("{path}.{key}: the fixture has it, Rust does not")),
                    }
                }
            }
            (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
                for (i, (x, y)) in a.iter().zip(b).enumerate() {
                    differences(&format!("{path}[{i}]"), x, y, out);
                }
            }
            (a, b) if a == b => {}
            (a, b) => out.push(format!("{path}: Rust {a} ≠ fixture {b}")),
        }
    }

    /// Every sample the controller sends to `role` reads as `M`, as the variant its name says,
    /// and serialises back to the same JSON: no field unknown to Rust, none dropped or renamed.
    fn round_trip<M: Serialize + DeserializeOwned>(role: &str, tag: fn(&M) -> &'static str, variants: &[&str]) {
        let fixture = fixture();
        let samples = fixture["controllerToChild"][role]
            .as_object()
            .unwrap_or_else(|| panic!("the fixture has no controllerToChild.{role}"));
        let mut names: Vec<&str> = samples.keys().map(String::as_str).collect();
        names.sort_unstable();
        let mut expected = variants.to_vec();
        expected.sort_unstable();
        assert_eq!(names, expected, "controllerToChild.{role}: one sample per message the {role} reads");
        for (name, sample) in samples {
            let path = format!("controllerToChild.{role}.{name}");
            let message: M = parse(&sample.to_string()).unwrap_or_else(|e| panic!("{path}: Rust's serde types refuse it: {e}"));
            assert_eq!(tag(&message), name, "{path} read as another message");
            let mut diffs = vec![];
            differences(&path, &serde_json::to_value(&message).unwrap(), sample, &mut diffs);
            assert!(diffs.is_empty(), "{path} is not what Rust's serde types write back:\n{}", diffs.join("\n"));
        }
    }

    #[test]
    fn reads_every_message_the_controller_sends_and_writes_it_back_unchanged() {
        // Exhaustive matches: a message added on this side needs a sample in the fixture.
        round_trip::<ToProxy>(
            "proxy",
            |m| match m {
                ToProxy::Config(_) => "config",
                ToProxy::Policy { .. } => "policy",
                ToProxy::Routes { .. } => "routes",
                ToProxy::StatsNow { .. } => "stats-now",
            },
            &["config", "policy", "routes", "stats-now"],
        );
        round_trip::<ToWorkload>(
            "workload",
            |m| match m {
                ToWorkload::Config(_) => "config",
                ToWorkload::Upstream { .. } => "upstream",
                ToWorkload::Workload { .. } => "workload",
            },
            &["config", "upstream", "workload"],
        );
        round_trip::<ToLoadgen>(
            "loadgen",
            |m| match m {
                ToLoadgen::Config(_) => "config",
                ToLoadgen::Load(_) => "load",
                ToLoadgen::Probe { .. } => "probe",
                ToLoadgen::Counters { .. } => "counters",
            },
            &["config", "load", "probe", "counters"],
        );
        round_trip::<ToFloorRelay>("floor-relay", |ToFloorRelay::Config(_)| "config", &["config"]);
        round_trip::<ToFloorClient>("floor-client", |ToFloorClient::Config(_)| "config", &["config"]);
    }

    fn summary() -> Summary {
        Summary {
            count: 1200,
            p50_us: 180,
            p90_us: 240,
            p99_us: 410,
            max_us: 1900,
            distribution_us: None,
        }
    }

    /// One of each message this binary sends, with the values of ipc-contract.test.ts's samples.
    fn child_samples() -> Vec<ChildMessage> {
        let map = |k: &str, n: u64| BTreeMap::from([(k.to_string(), n)]);
        vec![
            ChildMessage::Ready { id: "sidecar/web".into() },
            ChildMessage::Fatal {
                id: "proxy".into(),
                message: "bad config: unknown field `statsEvery`".into(),
            },
            ChildMessage::Stats(ProxyStats {
                id: "sidecar/web".into(),
                kind: ProxyKind::Sidecar,
                l7: true,
                counters: Counters {
                    requests: 120,
                    retries: 3,
                    faults: 1,
                    upstream_errors: 2,
                    connections: 4,
                    bytes: 65536,
                    hbone_in: 5,
                    hbone_out: 6,
                    peers: map("spiffe://cluster.local/ns/demo/sa/client", 4),
                    tls_versions: map("TLSv1.3", 4),
                    alpn: map("istio-http/1.1", 4),
                    recent_request_ids: VecDeque::from(["0123456789abcdef0123456789abcdef".to_string()]),
                },
                self_: summary(),
                self_by_listener: BTreeMap::from([("inbound".to_string(), summary()), ("outbound".to_string(), summary())]),
                cpu_percent: 12.5,
                rss_mb: 8.25,
                req_id: Some("req-1".into()),
            }),
            ChildMessage::Window(LoadgenWindow {
                id: "loadgen".into(),
                mode: "sidecar".into(),
                window_ms: 250,
                window: summary(),
                cumulative: Summary {
                    distribution_us: Some(vec![180, 200, 240, 260, 410, 900]),
                    ..summary()
                },
                send_lag: Summary {
                    count: 1200,
                    p50_us: 3,
                    p90_us: 5,
                    p99_us: 20,
                    max_us: 60,
                    distribution_us: Some(vec![3, 4, 5, 6, 20, 50]),
                },
                completed: 125,
                errors: 1,
                first_error: Some("answered 503".into()),
                target_rps: 500.0,
                cpu_percent: 7.5,
            }),
            ChildMessage::ProbeResult(ProbeResult {
                req_id: "req-2".into(),
                status: 200,
                via: vec!["sidecar/web".into(), "web".into()],
                error: Some("probe timed out".into()),
            }),
            ChildMessage::FloorResult(FloorResult {
                id: "floor/client".into(),
                summary: Some(summary()),
                error: Some("connection refused".into()),
            }),
            ChildMessage::LoadgenCounters(LoadgenCounters {
                req_id: "req-3".into(),
                sent: 10,
                ok: 7,
                failed: 2,
                inflight: 1,
            }),
        ]
    }

    #[test]
    fn writes_every_message_a_child_sends_as_the_fixture_has_it() {
        let fixture = fixture();
        let expected = fixture["childToController"].as_object().expect("the fixture has childToController");
        let samples = child_samples();
        // Exhaustive: a message added on this side needs a sample here and in the fixture.
        let tag = |m: &ChildMessage| match m {
            ChildMessage::Ready { .. } => "ready",
            ChildMessage::Fatal { .. } => "fatal",
            ChildMessage::Stats(_) => "stats",
            ChildMessage::Window(_) => "window",
            ChildMessage::ProbeResult(_) => "probe-result",
            ChildMessage::FloorResult(_) => "floor-result",
            ChildMessage::LoadgenCounters(_) => "loadgen-counters",
        };
        let mut names: Vec<&str> = samples.iter().map(tag).collect();
        let mut in_fixture: Vec<&str> = expected.keys().map(String::as_str).collect();
        names.sort_unstable();
        in_fixture.sort_unstable();
        assert_eq!(names, in_fixture, "childToController: one sample per message, on both sides");
        for message in &samples {
            let path = format!("childToController.{}", tag(message));
            let written = serde_json::to_value(message).unwrap();
            assert_eq!(written["t"], tag(message), "{path}: its `t`");
            let mut diffs = vec![];
            differences(&path, &written, &expected[tag(message)], &mut diffs);
            assert!(diffs.is_empty(), "{path}: Rust writes what ipc.ts does not expect:\n{}", diffs.join("\n"));
        }
    }

    fn config_of(role: &str) -> Value {
        fixture()["controllerToChild"][role]["config"].clone()
    }

    #[test]
    fn an_unknown_field_is_an_error_that_names_it() {
        let mut m = config_of("loadgen");
        m["rate"] = json!(500);
        let e = parse::<ToLoadgen>(&m.to_string()).unwrap_err().to_string();
        assert!(e.starts_with("bad config message: unknown field `rate`"), "{e}");
        // Nested too: a renamed field of a listener's route.
        let mut m = fixture()["controllerToChild"]["proxy"]["routes"].clone();
        let route = &mut m["listeners"][0]["routes"]["10.96.0.13:80"];
        route["enforce"] = route["enforcePolicy"].take();
        route.as_object_mut().unwrap().remove("enforcePolicy");
        let e = parse::<ToProxy>(&m.to_string()).unwrap_err().to_string();
        assert!(e.contains("unknown field `enforce`"), "{e}");
    }

    #[test]
    fn a_missing_field_is_an_error_not_a_default() {
        for (role, field) in [("loadgen", "rps"), ("workload", "upstream"), ("floor-client", "intervalUs")] {
            let mut m = config_of(role);
            m.as_object_mut().unwrap().remove(field);
            let e = match role {
                "loadgen" => parse::<ToLoadgen>(&m.to_string()).unwrap_err(),
                "workload" => parse::<ToWorkload>(&m.to_string()).unwrap_err(),
                _ => parse::<ToFloorClient>(&m.to_string()).unwrap_err(),
            };
            assert!(e.to_string().contains(&format!("missing field `{field}`")), "{role}: {e}");
        }
        let e = parse::<ToLoadgen>(r#"{"t":"load","target":{"host":"127.0.0.1","port":1},"mode":"none"}"#).unwrap_err();
        assert_eq!(e.to_string(), "bad load message: missing field `rps`");
    }

    #[test]
    fn a_message_for_another_role_or_of_an_unknown_kind_is_an_error() {
        let e = parse::<ToProxy>(r#"{"t":"probe","reqId":"a","requestId":"b"}"#).unwrap_err().to_string();
        assert!(e.starts_with("bad probe message: unknown variant `probe`, expected one of"), "{e}");
        let mut m = fixture()["controllerToChild"]["proxy"]["routes"].clone();
        m["listeners"][0]["proto"] = json!("h2");
        let e = parse::<ToProxy>(&m.to_string()).unwrap_err().to_string();
        assert!(e.contains("unknown variant `h2`, expected one of `h1`, `h1-permissive`, `hbone`, `tcp`"), "{e}");
        assert!(matches!(parse::<ToProxy>("{not json"), Err(crate::error::Error::UnreadableMessage(_))));
    }
}
