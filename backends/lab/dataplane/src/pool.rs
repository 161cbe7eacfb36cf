//! Connection pools. HTTP/1.1 upstream connections, kept alive and reused, bounded per upstream
//! as Envoy's circuit breakers bound them (1024 connections and requests by default): a request
//! waits for a free connection only beyond that. HTTP/1.1 carries one request per connection at a
//! time, so a delay fault (100 ms on 30 % of requests at 500 rps) needs dozens at once. The
//! carrier is plain TCP, TLS (sidecar to sidecar) or an HBONE tunnel (waypoint onward), whose
//! HTTP/2 sessions are pooled by key in a SessionPool.
use crate::config::Identity;
use crate::error::Error;
use crate::hbone::{HboneClient, TunnelDial};
use crate::io::{tcp_connect, tcp_connect_from, BoxIo};
use crate::tls::{client_config, ALPN_ISTIO_HTTP11};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use rustls::pki_types::ServerName;
use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// Long-lived sessions by key (HBONE: one HTTP/2 session per identity, peer and address), each
/// established once at a time. The lock held across a handshake is the key's own, never the
/// pool's: handshakes to different keys proceed at once, and callers for one key wait for, then
/// share, the session its first caller opens — as ztunnel's pool locks per key
/// (istio/ztunnel src/proxy/pool.rs, `established_conn_writelock`).
pub struct SessionPool<K, S> {
    /// The map's lock is held only to find or add a key's slot, never across an await.
    slots: Mutex<HashMap<K, Arc<tokio::sync::Mutex<Option<S>>>>>,
}

impl<K, S> Default for SessionPool<K, S> {
    fn default() -> Self {
        SessionPool { slots: Mutex::default() }
    }
}

impl<K: Eq + Hash + Clone, S: Clone> SessionPool<K, S> {
    /// The key's pooled session, or a new one from `connect` (always a new one when `fresh`:
    /// the pooled one turned out to be closed).
    pub async fn get_or_connect<E, Fut: Future<Output = Result<S, E>>>(&self, key: &K, fresh: bool, connect: impl FnOnce() -> Fut) -> Result<S, E> {
        let slot = self.slots.lock().unwrap().entry(key.clone()).or_default().clone();
        let mut session = slot.lock().await;
        if let (false, Some(s)) = (fresh, session.as_ref()) {
            return Ok(s.clone());
        }
        let s = connect().await?;
        *session = Some(s.clone());
        Ok(s)
    }
}

/// Connections one process keeps to one upstream (Envoy's default circuit-breaker limit).
pub const CONNECTIONS_PER_UPSTREAM: usize = 1024;

pub enum Connector {
    Tcp {
        host: String,
        port: u16,
        /// Local address to connect from (None: the kernel's choice).
        source: Option<String>,
    },
    Tls {
        host: String,
        port: u16,
        config: Arc<rustls::ClientConfig>,
        name: ServerName<'static>,
    },
    Hbone {
        client: HboneClient,
        target: TunnelDial,
    },
}

impl Connector {
    pub fn mtls(host: &str, port: u16, id: &Identity, peer: &str) -> Result<Connector, Error> {
        let (config, name) = client_config(id, peer, ALPN_ISTIO_HTTP11)?;
        Ok(Connector::Tls {
            host: host.into(),
            port,
            config,
            name,
        })
    }

    async fn connect(&self) -> Result<BoxIo, Error> {
        Ok(match self {
            Connector::Tcp { host, port, source } => Box::new(tcp_connect_from(host, *port, source.as_deref()).await?),
            Connector::Tls { host, port, config, name } => {
                let tcp = tcp_connect(host, *port).await?;
                Box::new(tokio_rustls::TlsConnector::from(config.clone()).connect(name.clone(), tcp).await?)
            }
            Connector::Hbone { client, target } => Box::new(client.connect(target).await?),
        })
    }
}

pub struct Answer {
    pub status: http::StatusCode,
    pub headers: http::HeaderMap,
    pub body: Bytes,
}

pub struct H1Pool {
    connector: Connector,
    /// `host:port` sent as the Host header.
    authority: String,
    idle: Mutex<Vec<SendRequest<Full<Bytes>>>>,
    slots: Semaphore,
}

impl H1Pool {
    pub fn new(connector: Connector, authority: String) -> Arc<H1Pool> {
        Arc::new(H1Pool {
            connector,
            authority,
            idle: Mutex::new(Vec::new()),
            slots: Semaphore::new(CONNECTIONS_PER_UPSTREAM),
        })
    }

    async fn fresh(&self) -> Result<SendRequest<Full<Bytes>>, Error> {
        let io = self.connector.connect().await?;
        let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(io)).await?;
        tokio::spawn(async move {
            let _ = conn.await;
        });
        Ok(sender)
    }

    /// Sends one buffered request and reads the whole response. A reused connection that turns
    /// out to be closed is replaced once (the requests here are idempotent GETs).
    pub async fn send(&self, method: &http::Method, path: &str, headers: &http::HeaderMap, body: Bytes) -> Result<Answer, Error> {
        let _slot = self.slots.acquire().await.expect("the pool never closes its semaphore");
        let mut replaced = false;
        loop {
            let pooled = self.idle.lock().unwrap().pop();
            let (mut sender, reused) = match pooled {
                Some(mut s) => match s.ready().await {
                    Ok(()) => (s, true),
                    Err(_) => continue, // closed while idle: drop it, take the next
                },
                None => (self.fresh().await?, false),
            };
            let mut request = http::Request::builder().method(method.clone()).uri(path);
            if let Some(h) = request.headers_mut() {
                h.extend(headers.iter().map(|(k, v)| (k.clone(), v.clone())));
                h.insert(http::header::HOST, http::HeaderValue::from_str(&self.authority)?);
            }
            let request = request.body(Full::new(body.clone()))?;
            match sender.send_request(request).await {
                Ok(response) => {
                    let (parts, incoming) = response.into_parts();
                    let body = incoming.collect().await?.to_bytes();
                    self.idle.lock().unwrap().push(sender);
                    return Ok(Answer {
                        status: parts.status,
                        headers: parts.headers,
                        body,
                    });
                }
                // A kept-alive connection the far end closed just as it was reused: once, on a
                // fresh one (the requests here are idempotent GETs).
                Err(e) if reused && !replaced && (e.is_canceled() || e.is_closed() || e.is_incomplete_message()) => replaced = true,
                Err(e) => return Err(e.into()),
            }
        }
    }
}

/// Hop-by-hop headers a proxy does not forward (RFC 9110 §7.6.1).
pub fn is_hop_by_hop(name: &http::HeaderName) -> bool {
    matches!(
        name.as_str(),
        "connection" | "keep-alive" | "proxy-connection" | "transfer-encoding" | "upgrade" | "te" | "trailer" | "host" | "content-length" | "http2-settings"
    )
}

pub fn end_to_end(headers: &http::HeaderMap) -> http::HeaderMap {
    headers.iter().filter(|(k, _)| !is_hop_by_hop(k)).map(|(k, v)| (k.clone(), v.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A plain HTTP/1.1 server counting the connections it accepts; `keep_alive: false` closes
    /// each one after its first answer.
    async fn server(keep_alive: bool) -> (u16, Arc<AtomicUsize>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let accepted = Arc::new(AtomicUsize::new(0));
        let count = accepted.clone();
        tokio::spawn(async move {
            loop {
                let (socket, _) = listener.accept().await.unwrap();
                count.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(|_req| async {
                        Ok::<_, std::convert::Infallible>(http::Response::new(Full::new(Bytes::from_static(b"ok"))))
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .keep_alive(keep_alive)
                        .serve_connection(TokioIo::new(socket), service)
                        .await;
                });
            }
        });
        (port, accepted)
    }

    fn pool_to(port: u16) -> Arc<H1Pool> {
        H1Pool::new(
            Connector::Tcp {
                host: "127.0.0.1".into(),
                port,
                source: None,
            },
            format!("127.0.0.1:{port}"),
        )
    }

    async fn get(pool: &H1Pool) -> Result<Answer, Error> {
        pool.send(&http::Method::GET, "/", &http::HeaderMap::new(), Bytes::new()).await
    }

    #[tokio::test]
    async fn keeps_one_connection_alive_for_requests_in_turn() {
        let (port, accepted) = server(true).await;
        let pool = pool_to(port);
        for _ in 0..5 {
            let a = get(&pool).await.unwrap();
            assert_eq!((a.status, &a.body[..]), (http::StatusCode::OK, &b"ok"[..]));
        }
        assert_eq!(accepted.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_connection_the_server_closed_is_replaced() {
        let (port, accepted) = server(false).await;
        let pool = pool_to(port);
        for _ in 0..3 {
            assert_eq!(get(&pool).await.unwrap().status, http::StatusCode::OK);
        }
        assert_eq!(accepted.load(Ordering::SeqCst), 3);
    }

    /// Requests in flight at once each take a connection of their own (HTTP/1.1 carries one at a
    /// time). The server answers none until all three are in: a pool that queued them on fewer
    /// connections would never get there, and the timeout (a bound on a deadlock, not a pause)
    /// would fail the test.
    #[tokio::test]
    async fn requests_in_flight_at_once_each_get_a_connection() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let all_in = Arc::new(tokio::sync::Barrier::new(3));
        let accepted = Arc::new(AtomicUsize::new(0));
        let count = accepted.clone();
        tokio::spawn(async move {
            loop {
                let (socket, _) = listener.accept().await.unwrap();
                count.fetch_add(1, Ordering::SeqCst);
                let all_in = all_in.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |_req| {
                        let all_in = all_in.clone();
                        async move {
                            all_in.wait().await;
                            Ok::<_, std::convert::Infallible>(http::Response::new(Full::new(Bytes::from_static(b"ok"))))
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(socket), service).await;
                });
            }
        });
        let pool = pool_to(port);
        let three = async { tokio::join!(get(&pool), get(&pool), get(&pool)) };
        let (a, b, c) = tokio::time::timeout(std::time::Duration::from_secs(10), three)
            .await
            .expect("three requests were never in flight at once");
        for answer in [a, b, c] {
            assert_eq!(answer.unwrap().status, http::StatusCode::OK);
        }
        assert_eq!(accepted.load(Ordering::SeqCst), 3);
    }

    /// Two handshakes to different keys are in flight together: each waits at a barrier for the
    /// other, which one lock over the whole pool would never let in (the paused clock then
    /// jumps to the timeout at once, and the test fails).
    #[tokio::test(start_paused = true)]
    async fn handshakes_to_different_keys_proceed_at_once() {
        let pool = SessionPool::<&str, u32>::default();
        let both_in = tokio::sync::Barrier::new(2);
        let handshake = |n: u32| {
            let both_in = &both_in;
            move || async move {
                both_in.wait().await;
                Ok::<_, ()>(n)
            }
        };
        let both = async { tokio::join!(pool.get_or_connect(&"a", false, handshake(1)), pool.get_or_connect(&"b", false, handshake(2))) };
        let (a, b) = tokio::time::timeout(std::time::Duration::from_secs(5), both)
            .await
            .expect("the second handshake waited for the first");
        assert_eq!((a, b), (Ok(1), Ok(2)));
    }

    /// Callers for one key share one handshake: the second waits on the key's lock while the
    /// first is connecting, then takes its session; `fresh` replaces it.
    #[tokio::test]
    async fn callers_for_one_key_share_its_session() {
        let pool = SessionPool::<&str, u32>::default();
        let handshakes = AtomicUsize::new(0);
        let (release, released) = tokio::sync::oneshot::channel::<()>();
        let first = pool.get_or_connect(&"a", false, || async {
            handshakes.fetch_add(1, Ordering::SeqCst);
            released.await.unwrap();
            Ok::<_, ()>(7)
        });
        let second = pool.get_or_connect(&"a", false, || async {
            handshakes.fetch_add(1, Ordering::SeqCst);
            Ok::<_, ()>(8)
        });
        // join! polls in order: the first is mid-handshake and the second queued before release.
        let (a, b, ()) = tokio::join!(first, second, async { release.send(()).unwrap() });
        assert_eq!((a, b, handshakes.load(Ordering::SeqCst)), (Ok(7), Ok(7), 1));
        let fresh = pool.get_or_connect(&"a", true, || async { Ok::<_, ()>(9) }).await;
        assert_eq!(fresh, Ok(9));
    }

    #[test]
    fn hop_by_hop_headers_are_not_forwarded() {
        let mut h = http::HeaderMap::new();
        h.insert("connection", http::HeaderValue::from_static("keep-alive"));
        h.insert("x-request-id", http::HeaderValue::from_static("abc"));
        h.insert("content-length", http::HeaderValue::from_static("3"));
        let kept = end_to_end(&h);
        assert_eq!(kept.keys().map(|k| k.as_str()).collect::<Vec<_>>(), vec!["x-request-id"]);
    }
}
