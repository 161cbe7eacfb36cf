//! A proxy process's listeners and request path, end to end on loopback: real sockets, real
//! HTTP/1.1, real mutual TLS and HTTP/2 CONNECT with certificates from the test CA. Each test
//! asserts what the far ends saw (which upstream got the request, how often, with what headers;
//! the status and headers a client got) — never how long it took. Timeouts and fault delays run
//! on tokio's paused clock.
use super::listeners;
use super::Proxy;
use crate::config::{
    AuthorityRoute, FaultPolicy, L4Upstream, L7Policy, L7Route, ListenerSpec, ProxyConfig, ProxyKind, RetryPolicy, RouteSelect, TimeoutPolicy, Upstream,
};
use crate::error::Error;
use crate::hbone::{HboneClient, TunnelDial};
use crate::io::BoxIo;
use crate::ipc::{REQUEST_ID_HEADER, VIA_HEADER};
use crate::messages::Counters;
use crate::tls::testing::TestCa;
use bytes::Bytes;
use http::StatusCode;
use http_body_util::{BodyExt, Empty, Full};
use hyper_util::rt::TokioIo;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

const WEB: &str = "spiffe://cluster.local/ns/demo/sa/web";
const CATALOG: &str = "spiffe://cluster.local/ns/demo/sa/catalog";

/// An app behind the proxy: reports every request it gets (its headers) and answers the n-th
/// (from 0) with `answer(n)`, or never when that is None.
struct App {
    addr: SocketAddr,
    seen: mpsc::UnboundedReceiver<http::HeaderMap>,
}

impl App {
    async fn start(answer: fn(usize) -> Option<StatusCode>) -> App {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, seen) = mpsc::unbounded_channel();
        let count = Arc::new(AtomicUsize::new(0));
        tokio::spawn(async move {
            loop {
                let (socket, _) = listener.accept().await.unwrap();
                let (tx, count) = (tx.clone(), count.clone());
                let service = hyper::service::service_fn(move |req: http::Request<hyper::body::Incoming>| {
                    let n = count.fetch_add(1, Ordering::SeqCst);
                    let _ = tx.send(req.headers().clone());
                    async move {
                        let Some(status) = answer(n) else { std::future::pending().await };
                        let mut r = http::Response::new(Full::new(Bytes::from_static(b"app")));
                        *r.status_mut() = status;
                        Ok::<_, std::convert::Infallible>(r)
                    }
                });
                tokio::spawn(hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(socket), service));
            }
        });
        App { addr, seen }
    }

    /// The requests it has got so far.
    fn requests(&mut self) -> Vec<http::HeaderMap> {
        std::iter::from_fn(|| self.seen.try_recv().ok()).collect()
    }
}

fn h1_to(app: &App) -> Upstream {
    Upstream::H1 {
        host: "127.0.0.1".into(),
        port: app.addr.port(),
        source: None,
    }
}

fn policy() -> L7Policy {
    L7Policy {
        retries: RetryPolicy {
            enabled: false,
            attempts: 1,
            per_try_timeout_ms: 0,
        },
        timeout: TimeoutPolicy { enabled: false, ms: 1 },
        fault: FaultPolicy {
            abort_percent: 0.0,
            abort_status: StatusCode::SERVICE_UNAVAILABLE,
            delay_percent: 0.0,
            delay_ms: 0,
        },
        mtls: false,
    }
}

fn h1_listener(id: &str, upstream: Upstream) -> ListenerSpec {
    ListenerSpec::H1 {
        id: id.into(),
        host: "127.0.0.1".into(),
        port: 0,
        select: RouteSelect::Listener,
        routes: HashMap::from([(
            "*".to_string(),
            L7Route {
                upstream,
                enforce_policy: true,
            },
        )]),
    }
}

/// A proxy process's state with its listeners bound on loopback; their addresses in order.
async fn proxy(
    kind: ProxyKind,
    identities: &[(&str, &crate::config::Identity)],
    listeners: Vec<ListenerSpec>,
    policy: L7Policy,
) -> (Arc<Proxy>, Vec<SocketAddr>) {
    let config = ProxyConfig {
        id: format!("{kind:?}").to_lowercase(),
        kind,
        identities: identities.iter().map(|(n, id)| (n.to_string(), (*id).clone())).collect(),
        listeners,
        policy,
        stats_every_ms: 1000,
    };
    let proxy = Arc::new(Proxy::new(&config));
    let bound = listeners::start(&proxy, &config.listeners).await.unwrap();
    (proxy, bound)
}

struct Answer {
    status: StatusCode,
    headers: http::HeaderMap,
    body: Bytes,
}

/// One GET over `io` (TCP, TLS or a tunnel), with a request id.
async fn get_over(io: BoxIo, request_id: &str) -> Answer {
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(io)).await.unwrap();
    tokio::spawn(conn);
    let req = http::Request::get("/")
        .header(http::header::HOST, "app")
        .header(REQUEST_ID_HEADER, request_id)
        .body(Empty::<Bytes>::new())
        .unwrap();
    let (parts, body) = sender.send_request(req).await.unwrap().into_parts();
    Answer {
        status: parts.status,
        headers: parts.headers,
        body: body.collect().await.unwrap().to_bytes(),
    }
}

async fn get(addr: SocketAddr, request_id: &str) -> Answer {
    get_over(Box::new(tokio::net::TcpStream::connect(addr).await.unwrap()), request_id).await
}

fn counters(proxy: &Proxy) -> Counters {
    proxy.counters.lock().unwrap().clone()
}

fn via(a: &Answer) -> &str {
    a.headers.get(VIA_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("")
}

// ---- the L7 request path: retries, timeouts, faults ----

#[tokio::test]
async fn a_failing_upstream_is_retried_exactly_as_often_as_the_policy_says() {
    // 503, 503, then 200: three tries reach the app, the client sees the 200.
    let mut app = App::start(|n| Some(if n < 2 { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::OK })).await;
    let mut p = policy();
    p.retries = RetryPolicy {
        enabled: true,
        attempts: 3,
        per_try_timeout_ms: 0,
    };
    let (proxy, bound) = proxy(ProxyKind::Sidecar, &[], vec![h1_listener("out", h1_to(&app))], p).await;
    let answer = get(bound[0], "req-retried").await;
    assert_eq!((answer.status, &answer.body[..]), (StatusCode::OK, &b"app"[..]));
    let seen = app.requests();
    assert_eq!(seen.len(), 3, "tries that reached the app");
    assert!(seen.iter().all(|h| h[REQUEST_ID_HEADER] == "req-retried"), "every try carries the request's id");
    assert_eq!((counters(&proxy).requests, counters(&proxy).retries), (1, 2));
    assert_eq!(via(&answer), "sidecar");
}

#[tokio::test]
async fn retries_stop_at_the_attempts_and_the_last_answer_is_passed_on() {
    let mut app = App::start(|_| Some(StatusCode::SERVICE_UNAVAILABLE)).await;
    let mut p = policy();
    p.retries = RetryPolicy {
        enabled: true,
        attempts: 2,
        per_try_timeout_ms: 0,
    };
    let (proxy, bound) = proxy(ProxyKind::Waypoint, &[], vec![h1_listener("out", h1_to(&app))], p).await;
    assert_eq!(get(bound[0], "req-2").await.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(app.requests().len(), 2);
    assert_eq!(counters(&proxy).retries, 1);
}

#[tokio::test]
async fn a_server_side_route_forwards_once_whatever_the_policy() {
    let mut app = App::start(|_| Some(StatusCode::SERVICE_UNAVAILABLE)).await;
    let mut p = policy();
    p.retries = RetryPolicy {
        enabled: true,
        attempts: 5,
        per_try_timeout_ms: 0,
    };
    let mut listener = h1_listener("inbound", h1_to(&app));
    if let ListenerSpec::H1 { routes, .. } = &mut listener {
        routes.get_mut("*").unwrap().enforce_policy = false;
    }
    let (_proxy, bound) = proxy(ProxyKind::Sidecar, &[], vec![listener], p).await;
    assert_eq!(get(bound[0], "req-3").await.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(app.requests().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn an_upstream_that_does_not_answer_in_time_is_a_504() {
    let mut app = App::start(|_| None).await;
    let mut p = policy();
    p.timeout = TimeoutPolicy { enabled: true, ms: 2000 };
    let (proxy, bound) = proxy(ProxyKind::Sidecar, &[], vec![h1_listener("out", h1_to(&app))], p).await;
    // Bounded, so a proxy that never gave up fails here instead of hanging (the paused clock jumps).
    let answer = tokio::time::timeout(Duration::from_secs(60), get(bound[0], "req-slow"))
        .await
        .expect("the proxy gave up");
    assert_eq!(
        (answer.status, &answer.body[..]),
        (StatusCode::GATEWAY_TIMEOUT, &b"upstream request timeout"[..])
    );
    assert_eq!(via(&answer), "sidecar", "the proxy's own answer");
    assert_eq!(app.requests().len(), 1, "the request did reach the app");
    assert_eq!(counters(&proxy).upstream_errors, 1);
}

#[tokio::test(start_paused = true)]
async fn a_try_that_times_out_is_retried_on_a_new_connection() {
    // The first try hangs; its per-try timeout gives the second, which is answered.
    let mut app = App::start(|n| (n > 0).then_some(StatusCode::OK)).await;
    let mut p = policy();
    p.retries = RetryPolicy {
        enabled: true,
        attempts: 2,
        per_try_timeout_ms: 500,
    };
    let (proxy, bound) = proxy(ProxyKind::Sidecar, &[], vec![h1_listener("out", h1_to(&app))], p).await;
    let answer = tokio::time::timeout(Duration::from_secs(60), get(bound[0], "req-4"))
        .await
        .expect("the first try was never given up");
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(app.requests().len(), 2);
    assert_eq!(counters(&proxy).retries, 1);
}

#[tokio::test]
async fn an_abort_fault_is_answered_by_the_proxy_and_never_retried() {
    let mut app = App::start(|_| Some(StatusCode::OK)).await;
    let mut p = policy();
    p.retries = RetryPolicy {
        enabled: true,
        attempts: 3,
        per_try_timeout_ms: 0,
    };
    p.fault.abort_percent = 100.0;
    p.fault.abort_status = StatusCode::INTERNAL_SERVER_ERROR;
    let (proxy, bound) = proxy(ProxyKind::Sidecar, &[], vec![h1_listener("out", h1_to(&app))], p).await;
    let answer = get(bound[0], "req-5").await;
    assert_eq!(
        (answer.status, &answer.body[..]),
        (StatusCode::INTERNAL_SERVER_ERROR, &b"fault filter abort"[..])
    );
    assert_eq!(answer.headers["x-meshstage-fault"], "abort");
    assert!(app.requests().is_empty(), "an aborted request never leaves the proxy");
    assert_eq!((counters(&proxy).faults, counters(&proxy).retries), (1, 0));
}

#[tokio::test(start_paused = true)]
async fn a_delay_fault_holds_the_request_then_forwards_it() {
    let mut app = App::start(|_| Some(StatusCode::OK)).await;
    let mut p = policy();
    p.fault.delay_percent = 100.0;
    p.fault.delay_ms = 5000;
    let (proxy, bound) = proxy(ProxyKind::Sidecar, &[], vec![h1_listener("out", h1_to(&app))], p).await;
    let before = tokio::time::Instant::now();
    assert_eq!(get(bound[0], "req-6").await.status, StatusCode::OK);
    // The paused clock moves only by the timers that fired: the delay is on it, exactly.
    assert!(
        before.elapsed() >= Duration::from_millis(5000),
        "the paused clock advanced {:?}",
        before.elapsed()
    );
    assert_eq!(app.requests().len(), 1);
    assert_eq!(counters(&proxy).faults, 0, "a delay is not an abort");
}

// ---- listeners: each kind serves its own protocol ----

#[tokio::test]
async fn an_h1_listener_without_a_route_answers_503() {
    let app = App::start(|_| Some(StatusCode::OK)).await;
    let mut listener = h1_listener("out", h1_to(&app));
    if let ListenerSpec::H1 { routes, .. } = &mut listener {
        *routes = HashMap::from([("10.96.0.11:80".to_string(), routes.remove("*").unwrap())]);
    }
    let (_proxy, bound) = proxy(ProxyKind::Sidecar, &[], vec![listener], policy()).await;
    let answer = get(bound[0], "req-7").await;
    assert_eq!(
        (answer.status, &answer.body[..]),
        (StatusCode::SERVICE_UNAVAILABLE, &b"no route for this destination"[..])
    );
}

#[tokio::test]
async fn a_tcp_listener_relays_bytes_and_reads_no_http() {
    let mut app = App::start(|_| Some(StatusCode::OK)).await;
    let listener = ListenerSpec::Tcp {
        id: "outbound".into(),
        host: "127.0.0.1".into(),
        port: 0,
        select: RouteSelect::Listener,
        routes: HashMap::from([(
            "*".to_string(),
            L4Upstream::Direct {
                host: "127.0.0.1".into(),
                port: app.addr.port(),
            },
        )]),
    };
    let (proxy, bound) = proxy(ProxyKind::Ztunnel, &[], vec![listener], policy()).await;
    let answer = get(bound[0], "req-8").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(via(&answer), "", "an L4 proxy adds no header");
    assert_eq!(app.requests()[0][REQUEST_ID_HEADER], "req-8");
    let c = counters(&proxy);
    assert_eq!((c.requests, c.connections), (0, 1));
    assert!(c.bytes > 0);
}

#[tokio::test]
async fn a_permissive_listener_takes_plain_http_and_mutual_tls_on_one_port() {
    let ca = TestCa::new();
    let (web, catalog) = (ca.issue(WEB), ca.issue(CATALOG));
    let mut app = App::start(|_| Some(StatusCode::OK)).await;
    let listener = ListenerSpec::H1Permissive {
        id: "inbound".into(),
        host: "127.0.0.1".into(),
        port: 0,
        identities: vec!["catalog".into()],
        routes: HashMap::from([(
            "*".to_string(),
            L7Route {
                upstream: h1_to(&app),
                enforce_policy: false,
            },
        )]),
    };
    let (proxy, bound) = proxy(ProxyKind::Sidecar, &[("catalog", &catalog)], vec![listener], policy()).await;
    assert_eq!(get(bound[0], "plain").await.status, StatusCode::OK);
    // As a client sidecar dials it: web's certificate, catalog expected, ALPN istio-http/1.1.
    let (config, name) = crate::tls::client_config(&web, CATALOG, crate::tls::ALPN_ISTIO_HTTP11).unwrap();
    let tcp = tokio::net::TcpStream::connect(bound[0]).await.unwrap();
    let tls = tokio_rustls::TlsConnector::from(config).connect(name, tcp).await.unwrap();
    assert_eq!(get_over(Box::new(tls), "mtls").await.status, StatusCode::OK);
    let ids: Vec<_> = app.requests().iter().map(|h| h[REQUEST_ID_HEADER].to_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["plain", "mtls"]);
    let c = counters(&proxy);
    assert_eq!(c.connections, 2);
    assert_eq!(c.peers.get(WEB), Some(&1), "the TLS peer's SPIFFE id");
    assert_eq!(c.tls_versions.get("TLSv1.3"), Some(&1));
    assert_eq!(c.alpn.get("istio-http/1.1"), Some(&1));
}

#[tokio::test]
async fn a_routes_update_for_an_unknown_listener_or_another_kind_is_refused_whole() {
    let app = App::start(|_| Some(StatusCode::OK)).await;
    let (proxy, bound) = proxy(ProxyKind::Sidecar, &[], vec![h1_listener("out", h1_to(&app))], policy()).await;
    let err = proxy
        .set_routes(vec![h1_listener("out", h1_to(&app)), h1_listener("elsewhere", h1_to(&app))])
        .unwrap_err();
    assert!(matches!(&err, Error::UnknownListener(id) if id == "elsewhere"), "{err}");
    let tcp = ListenerSpec::Tcp {
        id: "out".into(),
        host: "127.0.0.1".into(),
        port: 0,
        select: RouteSelect::Listener,
        routes: HashMap::new(),
    };
    let err = proxy.set_routes(vec![tcp]).unwrap_err();
    assert!(matches!(&err, Error::ListenerKindChanged(id) if id == "out"), "{err}");
    // Still the routes it had: the refused updates changed nothing.
    assert_eq!(get(bound[0], "req-9").await.status, StatusCode::OK);
}

#[test]
fn a_listener_of_an_unknown_kind_is_refused_when_read() {
    let json = r#"{"id":"x","proto":"h2","host":"127.0.0.1","port":0,"select":"listener","routes":{}}"#;
    let err = serde_json::from_str::<ListenerSpec>(json).unwrap_err().to_string();
    assert!(err.contains("unknown variant `h2`"), "{err}");
}

// ---- HBONE: HTTP/2 CONNECT over mutual TLS ----

/// A ztunnel-like proxy holding catalog's certificate: its HBONE listener hands `authority`
/// to the app (L4), and `l7-authority` to an HTTP route (waypoint-like).
async fn hbone_proxy(ca: &TestCa, app: &App) -> (Arc<Proxy>, SocketAddr) {
    let catalog = ca.issue(CATALOG);
    let by_authority = HashMap::from([
        (
            app.addr.to_string(),
            AuthorityRoute::L4(L4Upstream::Direct {
                host: "127.0.0.1".into(),
                port: app.addr.port(),
            }),
        ),
        (
            "10.0.0.7:8080".to_string(),
            AuthorityRoute::L7(L7Route {
                upstream: h1_to(app),
                enforce_policy: false,
            }),
        ),
    ]);
    let listener = ListenerSpec::Hbone {
        id: "hbone".into(),
        host: "127.0.0.1".into(),
        port: 0,
        identities: vec!["catalog".into()],
        by_authority,
    };
    let (proxy, bound) = proxy(ProxyKind::Ztunnel, &[("catalog", &catalog)], vec![listener], policy()).await;
    (proxy, bound[0])
}

fn dial(at: SocketAddr, peer: &str, authority: &str) -> TunnelDial {
    TunnelDial {
        host: "127.0.0.1".into(),
        port: at.port(),
        identity: "web".into(),
        peer: peer.into(),
        authority: authority.into(),
    }
}

#[tokio::test]
async fn an_hbone_tunnel_carries_a_connection_to_the_authority_over_mutual_tls() {
    let ca = TestCa::new();
    let mut app = App::start(|_| Some(StatusCode::OK)).await;
    let (proxy, at) = hbone_proxy(&ca, &app).await;
    let client = HboneClient::new(Arc::new(HashMap::from([("web".to_string(), ca.issue(WEB))])));
    let tunnel = client.connect(&dial(at, CATALOG, &app.addr.to_string())).await.unwrap();
    let answer = get_over(Box::new(tunnel), "tunnelled").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(via(&answer), "", "L4: the bytes pass untouched");
    assert_eq!(app.requests()[0][REQUEST_ID_HEADER], "tunnelled");
    // A second tunnel rides the same HTTP/2 session: one TLS connection, two CONNECT streams.
    let again = client.connect(&dial(at, CATALOG, &app.addr.to_string())).await.unwrap();
    assert_eq!(get_over(Box::new(again), "second").await.status, StatusCode::OK);
    let c = counters(&proxy);
    assert_eq!((c.hbone_in, c.connections), (2, 1));
    assert_eq!(c.peers.get(WEB), Some(&1), "the caller's SPIFFE id");
    assert_eq!((c.tls_versions.get("TLSv1.3"), c.alpn.get("h2")), (Some(&1), Some(&1)));
}

#[tokio::test]
async fn an_hbone_authority_with_an_l7_route_is_served_as_http_inside_the_tunnel() {
    let ca = TestCa::new();
    let mut app = App::start(|_| Some(StatusCode::OK)).await;
    let (proxy, at) = hbone_proxy(&ca, &app).await;
    let client = HboneClient::new(Arc::new(HashMap::from([("web".to_string(), ca.issue(WEB))])));
    let tunnel = client.connect(&dial(at, CATALOG, "10.0.0.7:8080")).await.unwrap();
    let answer = get_over(Box::new(tunnel), "via-waypoint").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(via(&answer), "ztunnel", "the L7 route's proxy answered");
    assert_eq!(app.requests()[0][REQUEST_ID_HEADER], "via-waypoint");
    assert_eq!(counters(&proxy).requests, 1);
}

#[tokio::test]
async fn a_connect_to_an_unknown_authority_is_refused_403() {
    let ca = TestCa::new();
    let mut app = App::start(|_| Some(StatusCode::OK)).await;
    let (_proxy, at) = hbone_proxy(&ca, &app).await;
    let client = HboneClient::new(Arc::new(HashMap::from([("web".to_string(), ca.issue(WEB))])));
    let err = client.connect(&dial(at, CATALOG, "10.9.9.9:80")).await.err().expect("refused");
    assert!(matches!(&err, Error::ConnectRefused { status: 403, .. }), "{err}");
    assert!(app.requests().is_empty());
}

#[tokio::test]
async fn an_hbone_server_with_another_identity_is_not_tunnelled_to() {
    let ca = TestCa::new();
    let app = App::start(|_| Some(StatusCode::OK)).await;
    let (proxy, at) = hbone_proxy(&ca, &app).await;
    let client = HboneClient::new(Arc::new(HashMap::from([("web".to_string(), ca.issue(WEB))])));
    // The client expects inventory; the server presents catalog.
    let err = client
        .connect(&dial(at, "spiffe://cluster.local/ns/demo/sa/inventory", &app.addr.to_string()))
        .await
        .err()
        .expect("refused");
    assert!(err.to_string().contains("expected spiffe://cluster.local/ns/demo/sa/inventory"), "{err}");
    assert_eq!(counters(&proxy).hbone_in, 0);
}

#[tokio::test]
async fn a_request_that_is_not_connect_is_refused_405() {
    let ca = TestCa::new();
    let app = App::start(|_| Some(StatusCode::OK)).await;
    let (_proxy, at) = hbone_proxy(&ca, &app).await;
    let (config, name) = crate::tls::client_config(&ca.issue(WEB), CATALOG, crate::tls::ALPN_H2).unwrap();
    let tcp = tokio::net::TcpStream::connect(at).await.unwrap();
    let tls = tokio_rustls::TlsConnector::from(config).connect(name, tcp).await.unwrap();
    let (send, conn) = h2::client::handshake(tls).await.unwrap();
    tokio::spawn(conn);
    let mut send = send.ready().await.unwrap();
    let get = http::Request::get(format!("https://{}/", app.addr)).body(()).unwrap();
    let (response, _) = send.send_request(get, true).unwrap();
    assert_eq!(response.await.unwrap().status(), StatusCode::METHOD_NOT_ALLOWED);
}

/// The waypoint's path: an L7 route whose upstream is HBONE — the proxy dials the tunnel with
/// its own identity (the pool's Connector::Hbone), and the far proxy hands it to the app.
#[tokio::test]
async fn an_l7_route_over_hbone_reaches_the_app_through_the_far_proxy() {
    let ca = TestCa::new();
    let mut app = App::start(|_| Some(StatusCode::OK)).await;
    let (far, at) = hbone_proxy(&ca, &app).await;
    let upstream = Upstream::Hbone {
        host: "127.0.0.1".into(),
        port: at.port(),
        identity: "web".into(),
        peer: CATALOG.into(),
        authority: app.addr.to_string(),
    };
    let web = ca.issue(WEB);
    let (near, bound) = proxy(ProxyKind::Waypoint, &[("web", &web)], vec![h1_listener("out", upstream)], policy()).await;
    let answer = get(bound[0], "two-hops").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(via(&answer), "waypoint");
    let seen = app.requests();
    assert_eq!(seen[0][REQUEST_ID_HEADER], "two-hops");
    assert_eq!(seen[0][http::header::HOST], app.addr.to_string().as_str(), "Host is the CONNECT authority");
    assert_eq!((counters(&near).requests, counters(&far).hbone_in), (1, 1));
}
