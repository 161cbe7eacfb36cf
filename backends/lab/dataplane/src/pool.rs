//! HTTP/1.1 upstream connections, kept alive and reused, bounded per upstream as Envoy's circuit
//! breakers bound them (1024 connections and requests by default): a request waits for a free
//! connection only beyond that. HTTP/1.1 carries one request per connection at a time, so a
//! delay fault (100 ms on 30 % of requests at 500 rps) needs dozens at once. The carrier is
//! plain TCP, TLS (sidecar to sidecar) or an HBONE tunnel (waypoint onward).
use crate::config::Identity;
use crate::hbone::{HboneClient, TunnelDial};
use crate::io::{tcp_connect, tcp_connect_from, BoxIo};
use crate::tls::{client_config, ALPN_ISTIO_HTTP11};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use rustls::pki_types::ServerName;
use std::io;
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

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
    pub fn mtls(host: &str, port: u16, id: &Identity, peer: &str) -> Result<Connector, String> {
        let (config, name) = client_config(id, peer, ALPN_ISTIO_HTTP11)?;
        Ok(Connector::Tls {
            host: host.into(),
            port,
            config,
            name,
        })
    }

    async fn connect(&self) -> io::Result<BoxIo> {
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
    pub status: u16,
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

    async fn fresh(&self) -> io::Result<SendRequest<Full<Bytes>>> {
        let io = self.connector.connect().await?;
        let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(io)).await.map_err(io::Error::other)?;
        tokio::spawn(async move {
            let _ = conn.await;
        });
        Ok(sender)
    }

    /// Sends one buffered request and reads the whole response. A reused connection that turns
    /// out to be closed is replaced once (the requests here are idempotent GETs).
    pub async fn send(&self, method: &http::Method, path: &str, headers: &http::HeaderMap, body: Bytes) -> io::Result<Answer> {
        let _slot = self.slots.acquire().await.map_err(io::Error::other)?;
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
                h.insert(http::header::HOST, http::HeaderValue::from_str(&self.authority).map_err(io::Error::other)?);
            }
            let request = request.body(Full::new(body.clone())).map_err(io::Error::other)?;
            match sender.send_request(request).await {
                Ok(response) => {
                    let (parts, incoming) = response.into_parts();
                    let body = incoming.collect().await.map_err(io::Error::other)?.to_bytes();
                    self.idle.lock().unwrap().push(sender);
                    return Ok(Answer {
                        status: parts.status.as_u16(),
                        headers: parts.headers,
                        body,
                    });
                }
                // A kept-alive connection the far end closed just as it was reused: once, on a
                // fresh one (the requests here are idempotent GETs).
                Err(e) if reused && !replaced && (e.is_canceled() || e.is_closed() || e.is_incomplete_message()) => replaced = true,
                Err(e) => return Err(io::Error::other(e)),
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

    async fn get(pool: &H1Pool) -> io::Result<Answer> {
        pool.send(&http::Method::GET, "/", &http::HeaderMap::new(), Bytes::new()).await
    }

    #[tokio::test]
    async fn keeps_one_connection_alive_for_requests_in_turn() {
        let (port, accepted) = server(true).await;
        let pool = pool_to(port);
        for _ in 0..5 {
            let a = get(&pool).await.unwrap();
            assert_eq!((a.status, &a.body[..]), (200, &b"ok"[..]));
        }
        assert_eq!(accepted.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_connection_the_server_closed_is_replaced() {
        let (port, accepted) = server(false).await;
        let pool = pool_to(port);
        for _ in 0..3 {
            assert_eq!(get(&pool).await.unwrap().status, 200);
        }
        assert_eq!(accepted.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn concurrency_is_bounded_by_the_pool() {
        let (port, accepted) = server(true).await;
        let pool = pool_to(port);
        let all = (0..200).map(|_| {
            let pool = pool.clone();
            tokio::spawn(async move { get(&pool).await.map(|a| a.status) })
        });
        for r in all.collect::<Vec<_>>() {
            assert_eq!(r.await.unwrap().unwrap(), 200);
        }
        let opened = accepted.load(Ordering::SeqCst);
        assert!((1..=200).contains(&opened), "{opened} connections");
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
