//! The four kinds of listener: plain HTTP/1.1 (outbound capture, node proxy), a sidecar's
//! PERMISSIVE inbound (mTLS or plain on one port), HBONE (HTTP/2 CONNECT over mTLS) and plain
//! TCP (ztunnel's outbound capture).
use super::l4::{connect_l4, relay};
use super::l7::{serve_h1, Route};
use super::Proxy;
use crate::config::{AuthorityRoute, ListenerSpec, RouteSelect};
use crate::error::{Error, HttpError};
use crate::hbone::{server_builder, H2Io};
use crate::io::accept_loop;
use crate::origdst::original_dst;
use crate::tls::{peer_facts, server_config, ALPN_H2, ALPN_ISTIO_HTTP11};
use http::StatusCode;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::{TcpListener, TcpStream};

/// A bound listener's kind, with what accepting on it takes: the route selection of the plain
/// kinds, the TLS acceptor of the mTLS ones. Matched exhaustively: a kind added to ListenerSpec
/// does not compile until it is served here (an unknown `proto` is refused when the message is read).
#[derive(Clone)]
enum Kind {
    H1 { select: RouteSelect },
    H1Permissive { tls: tokio_rustls::TlsAcceptor },
    Hbone { tls: tokio_rustls::TlsAcceptor },
    Tcp { select: RouteSelect },
}

/// Binds every listener and serves it; returns their local addresses, in order (port 0 in a
/// spec: the kernel's choice, which a test needs to know).
pub async fn start(proxy: &Arc<Proxy>, specs: &[ListenerSpec]) -> Result<Vec<SocketAddr>, Error> {
    let mut bound = Vec::with_capacity(specs.len());
    for spec in specs {
        let kind = match spec {
            ListenerSpec::H1 { select, .. } => Kind::H1 { select: *select },
            ListenerSpec::H1Permissive { identities, .. } => Kind::H1Permissive {
                tls: acceptor(proxy, identities, ALPN_ISTIO_HTTP11)?,
            },
            ListenerSpec::Hbone { identities, .. } => Kind::Hbone {
                tls: acceptor(proxy, identities, ALPN_H2)?,
            },
            ListenerSpec::Tcp { select, .. } => Kind::Tcp { select: *select },
        };
        let listener = TcpListener::bind(spec.bind()).await.map_err(|source| Error::Bind {
            addr: spec.bind(),
            listener: spec.id().to_string(),
            source,
        })?;
        bound.push(listener.local_addr()?);
        let (proxy, id) = (proxy.clone(), spec.id().to_string());
        accept_loop(listener, move |socket| accept(proxy.clone(), id.clone(), kind.clone(), socket));
    }
    Ok(bound)
}

fn acceptor(proxy: &Proxy, identities: &[String], alpn: &[u8]) -> Result<tokio_rustls::TlsAcceptor, Error> {
    let ids = identities.iter().map(|n| proxy.identity(n)).collect::<Result<Vec<_>, _>>()?;
    Ok(tokio_rustls::TlsAcceptor::from(server_config(&ids, alpn)?))
}

/// The key of a connection's route in its listener, decided once, at accept.
fn route_key(proxy: &Proxy, select: RouteSelect, socket: &TcpStream) -> Option<String> {
    match select {
        RouteSelect::Listener => Some("*".into()),
        _ => match original_dst(socket) {
            Ok(dst) if select == RouteSelect::OriginalDst => Some(dst.to_string()),
            Ok(dst) => Some(format!("{}>{dst}", socket.peer_addr().ok()?.ip())),
            Err(e) => {
                proxy.upstream_error(&format!("no original destination: {e}"));
                None
            }
        },
    }
}

async fn accept(proxy: Arc<Proxy>, listener: String, kind: Kind, socket: TcpStream) {
    match kind {
        Kind::H1 { select } => {
            proxy.count(|c| c.connections += 1);
            let key = route_key(&proxy, select, &socket);
            serve_h1(proxy, Box::new(socket), listener, key.map(Route::Keyed).unwrap_or(Route::None)).await;
        }
        Kind::Tcp { select } => {
            proxy.count(|c| c.connections += 1);
            let Some(key) = route_key(&proxy, select, &socket) else { return };
            let Some(upstream) = proxy.l4_route(&listener, &key) else { return };
            match connect_l4(&proxy, &upstream).await {
                Ok(up) => relay(proxy, Box::new(socket), up, listener).await,
                Err(e) => proxy.upstream_error(&format!("connect {key}: {e}")),
            }
        }
        Kind::H1Permissive { tls } => {
            // Istio's PERMISSIVE inbound: a TLS handshake starts with 0x16, plain HTTP does not.
            let mut first = [0u8; 1];
            if !matches!(socket.peek(&mut first).await, Ok(1)) {
                return;
            }
            if first[0] == 0x16 {
                let Ok(stream) = tls.accept(socket).await else {
                    proxy.upstream_error("inbound TLS handshake failed");
                    return;
                };
                record_peer(&proxy, stream.get_ref().1);
                serve_h1(proxy, Box::new(stream), listener, Route::Keyed("*".into())).await;
            } else {
                proxy.count(|c| c.connections += 1);
                serve_h1(proxy, Box::new(socket), listener, Route::Keyed("*".into())).await;
            }
        }
        Kind::Hbone { tls } => {
            let Ok(stream) = tls.accept(socket).await else {
                proxy.upstream_error("HBONE TLS handshake failed");
                return;
            };
            record_peer(&proxy, stream.get_ref().1);
            let Ok(mut conn) = server_builder().handshake::<_, bytes::Bytes>(stream).await else {
                return;
            };
            while let Some(Ok((request, respond))) = conn.accept().await {
                tokio::spawn(tunnel(proxy.clone(), listener.clone(), request, respond));
            }
        }
    }
}

fn record_peer(proxy: &Proxy, conn: &rustls::ServerConnection) {
    let facts = peer_facts(conn);
    proxy.count(|c| {
        c.connections += 1;
        for (map, key) in [
            (&mut c.peers, facts.spiffe),
            (&mut c.tls_versions, facts.version.map(str::to_string)),
            (&mut c.alpn, facts.alpn),
        ] {
            if let Some(k) = key {
                *map.entry(k).or_default() += 1;
            }
        }
    });
}

/// One CONNECT stream: an L7 route (waypoint: HTTP/1.1 inside) or an L4 hand-off (ztunnel).
async fn tunnel(proxy: Arc<Proxy>, listener: String, request: http::Request<h2::RecvStream>, mut respond: h2::server::SendResponse<bytes::Bytes>) {
    let status = |code: StatusCode| http::Response::builder().status(code).body(()).expect("a status-only response");
    let authority = request.uri().authority().map(|a| a.to_string()).unwrap_or_default();
    let target = match authority_route(&proxy, &listener, &request, &authority) {
        Ok(target) => target,
        Err(HttpError(_, code)) => {
            let _ = respond.send_response(status(code), true);
            return;
        }
    };
    proxy.count(|c| c.hbone_in += 1);
    match target {
        AuthorityRoute::L7(route) => {
            let Ok(send) = respond.send_response(status(StatusCode::OK), false) else {
                return;
            };
            serve_h1(proxy, Box::new(H2Io::new(send, request.into_body())), listener, Route::Fixed(route)).await;
        }
        AuthorityRoute::L4(upstream) => match connect_l4(&proxy, &upstream).await {
            // Like ztunnel: the tunnel is confirmed only once the destination answered.
            Ok(up) => {
                let Ok(send) = respond.send_response(status(StatusCode::OK), false) else {
                    return;
                };
                relay(proxy, Box::new(H2Io::new(send, request.into_body())), up, listener).await;
            }
            Err(e) => {
                proxy.upstream_error(&format!("connect {authority}: {e}"));
                let _ = respond.send_response(status(StatusCode::SERVICE_UNAVAILABLE), true);
            }
        },
    }
}

/// What a CONNECT is for, or the status it is refused with (ztunnel's build_inbound_request).
fn authority_route(proxy: &Proxy, listener: &str, request: &http::Request<h2::RecvStream>, authority: &str) -> Result<AuthorityRoute, HttpError> {
    if request.method() != http::Method::CONNECT {
        return Err(HttpError::build(StatusCode::METHOD_NOT_ALLOWED)(Error::NonConnectMethod(
            request.method().clone(),
        )));
    }
    proxy
        .authority_route(listener, authority)
        .ok_or_else(|| Error::UnknownAuthority(authority.to_string()))
        .map_err(HttpError::build(StatusCode::FORBIDDEN))
}
