//! HBONE: TCP carried in HTTP/2 CONNECT streams over mTLS (port 15008 in Istio ambient). One
//! long-lived HTTP/2 session per (identity, peer, address), as ztunnel pools them; each tunnelled
//! connection is one stream. The stream adapter follows ztunnel's `proxy/h2.rs`.
use crate::config::Identity;
use crate::error::Error;
use crate::io::tcp_connect;
use crate::pool::SessionPool;
use crate::tls::{client_config, ALPN_H2};
use bytes::{Buf, Bytes};
use h2::{RecvStream, SendStream};
use std::collections::HashMap;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Large flow-control windows: no WINDOW_UPDATE round trips for the demo's small bodies.
pub const H2_WINDOW: u32 = 16 * 1024 * 1024;

/// An HTTP/2 stream as a byte stream.
pub struct H2Io {
    send: SendStream<Bytes>,
    recv: RecvStream,
    buf: Bytes,
}

impl H2Io {
    pub fn new(send: SendStream<Bytes>, recv: RecvStream) -> H2Io {
        H2Io { send, recv, buf: Bytes::new() }
    }
}

fn h2_io_error(e: h2::Error) -> io::Error {
    if e.is_io() {
        e.into_io().unwrap_or_else(|| io::Error::other("h2 i/o error"))
    } else {
        io::Error::other(e)
    }
}

impl AsyncRead for H2Io {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, out: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        while self.buf.is_empty() {
            match ready!(self.recv.poll_data(cx)) {
                None => return Poll::Ready(Ok(())),
                Some(Ok(data)) => {
                    let _ = self.recv.flow_control().release_capacity(data.len());
                    self.buf = data;
                }
                Some(Err(e)) => {
                    return Poll::Ready(match e.reason() {
                        Some(h2::Reason::NO_ERROR) | Some(h2::Reason::CANCEL) => Ok(()),
                        _ => Err(h2_io_error(e)),
                    })
                }
            }
        }
        let n = out.remaining().min(self.buf.len());
        out.put_slice(&self.buf[..n]);
        self.buf.advance(n);
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for H2Io {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        if buf.is_empty() {
            return Poll::Ready(Ok(0));
        }
        self.send.reserve_capacity(buf.len());
        match ready!(self.send.poll_capacity(cx)) {
            Some(Ok(n)) if n > 0 => {
                let n = n.min(buf.len());
                self.send.send_data(Bytes::copy_from_slice(&buf[..n]), false).map_err(h2_io_error)?;
                Poll::Ready(Ok(n))
            }
            Some(Err(e)) => Poll::Ready(Err(h2_io_error(e))),
            _ => Poll::Ready(Err(io::ErrorKind::BrokenPipe.into())),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        // END_STREAM on our side; a stream already reset has nothing left to close.
        let _ = self.send.send_data(Bytes::new(), true);
        Poll::Ready(Ok(()))
    }
}

/// Where and as whom a client opens an HBONE tunnel: the peer's :15008, this side's identity,
/// the SPIFFE id the far end must present, and the CONNECT authority (the final destination).
/// What a listener does with an accepted tunnel is config::AuthorityRoute.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TunnelDial {
    pub host: String,
    pub port: u16,
    /// The service account this side speaks for, and the SPIFFE id the far end must present.
    pub identity: String,
    pub peer: String,
    pub authority: String,
}

/// (identity, peer, address): one HTTP/2 session each.
type SessionKey = (String, String, String);

/// Client side: pooled sessions, one CONNECT stream per tunnelled connection.
#[derive(Clone)]
pub struct HboneClient {
    identities: Arc<HashMap<String, Identity>>,
    sessions: Arc<SessionPool<SessionKey, h2::client::SendRequest<Bytes>>>,
}

impl HboneClient {
    pub fn new(identities: Arc<HashMap<String, Identity>>) -> HboneClient {
        HboneClient {
            identities,
            sessions: Default::default(),
        }
    }

    async fn session(&self, t: &TunnelDial, fresh: bool) -> Result<h2::client::SendRequest<Bytes>, Error> {
        let key = (t.identity.clone(), t.peer.clone(), format!("{}:{}", t.host, t.port));
        self.sessions.get_or_connect(&key, fresh, || self.handshake(t)).await
    }

    /// TCP, mutual TLS with the tunnel's identities, then HTTP/2.
    async fn handshake(&self, t: &TunnelDial) -> Result<h2::client::SendRequest<Bytes>, Error> {
        let id = self.identities.get(&t.identity).ok_or_else(|| Error::UnknownIdentity(t.identity.clone()))?;
        let (config, name) = client_config(id, &t.peer, ALPN_H2)?;
        let tcp = tcp_connect(&t.host, t.port).await?;
        let tls = tokio_rustls::TlsConnector::from(config).connect(name, tcp).await?;
        let (send, conn) = h2::client::Builder::new()
            .initial_window_size(H2_WINDOW)
            .initial_connection_window_size(H2_WINDOW)
            .handshake::<_, Bytes>(tls)
            .await?;
        tokio::spawn(async move {
            let _ = conn.await;
        });
        Ok(send)
    }

    /// Opens a tunnel; resolves once the far end answered 200.
    pub async fn connect(&self, t: &TunnelDial) -> Result<H2Io, Error> {
        let mut fresh = false;
        loop {
            let session = self.session(t, fresh).await?;
            match open_stream(session, &t.authority).await {
                Ok(io) => return Ok(io),
                // A pooled session the far end closed: reconnect once.
                Err(OpenError::Session(_)) if !fresh => fresh = true,
                Err(OpenError::Session(e)) | Err(OpenError::Refused(e)) => return Err(e),
            }
        }
    }
}

/// Why a CONNECT failed: its session is gone (worth one fresh one), or the far end said no.
enum OpenError {
    Session(Error),
    Refused(Error),
}

async fn open_stream(session: h2::client::SendRequest<Bytes>, authority: &str) -> Result<H2Io, OpenError> {
    let mut ready = session.ready().await.map_err(|e| OpenError::Session(e.into()))?;
    let request = http::Request::builder()
        .method(http::Method::CONNECT)
        .uri(authority)
        .body(())
        .map_err(|e| OpenError::Refused(e.into()))?;
    let (response, send) = ready.send_request(request, false).map_err(|e| OpenError::Session(e.into()))?;
    let response = response.await.map_err(|e| OpenError::Refused(e.into()))?;
    if response.status() != http::StatusCode::OK {
        return Err(OpenError::Refused(Error::ConnectRefused {
            authority: authority.to_string(),
            status: response.status().as_u16(),
        }));
    }
    Ok(H2Io::new(send, response.into_body()))
}

/// Server side: the HTTP/2 settings every HBONE listener uses.
pub fn server_builder() -> h2::server::Builder {
    let mut b = h2::server::Builder::new();
    b.initial_window_size(H2_WINDOW).initial_connection_window_size(H2_WINDOW);
    b
}
