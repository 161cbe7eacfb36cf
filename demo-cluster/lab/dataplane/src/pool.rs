//! HTTP/1.1 upstream connections, kept alive and reused, bounded per upstream so that a burst
//! queues on warm connections instead of opening new ones (a TLS handshake costs far more than a
//! request; Envoy bounds this with its connection pool and circuit breakers too). The carrier is
//! plain TCP, TLS (sidecar to sidecar) or an HBONE tunnel (waypoint onward).
use crate::config::Identity;
use crate::hbone::{HboneClient, HboneTarget};
use crate::io::{tcp_connect, BoxIo};
use crate::tls::{client_config, ALPN_ISTIO_HTTP11};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use rustls::pki_types::ServerName;
use std::io;
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// Connections one process keeps to one upstream.
pub const CONNECTIONS_PER_UPSTREAM: usize = 32;

pub enum Connector {
    Tcp {
        host: String,
        port: u16,
    },
    Tls {
        host: String,
        port: u16,
        config: Arc<rustls::ClientConfig>,
        name: ServerName<'static>,
    },
    Hbone {
        client: HboneClient,
        target: HboneTarget,
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
            Connector::Tcp { host, port } => Box::new(tcp_connect(host, *port).await?),
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
        let mut reused = true;
        loop {
            let pooled = self.idle.lock().unwrap().pop();
            let mut sender = match pooled {
                Some(mut s) => match s.ready().await {
                    Ok(()) => s,
                    Err(_) => continue,
                },
                None => {
                    reused = false;
                    self.fresh().await?
                }
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
                Err(e) if reused && (e.is_canceled() || e.is_closed() || e.is_incomplete_message()) => {
                    reused = false;
                    continue;
                }
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
