//! ztunnel's work: connect onward (directly, or through an HBONE tunnel) and copy bytes, timing
//! each chunk from read to hand-off to the kernel — an L4 hop's own cost.
use super::Proxy;
use crate::config::L4Upstream;
use crate::error::Error;
use crate::hbone::TunnelDial;
use crate::io::{tcp_connect, BoxIo};
use std::sync::Arc;
use std::time::Instant;
use tokio::io::{AsyncReadExt, AsyncWriteExt, ReadHalf, WriteHalf};

pub async fn connect_l4(proxy: &Proxy, upstream: &L4Upstream) -> Result<BoxIo, Error> {
    Ok(match upstream {
        L4Upstream::Direct { host, port } => Box::new(tcp_connect(host, *port).await?),
        L4Upstream::Hbone {
            host,
            port,
            identity,
            peer,
            authority,
        } => {
            proxy.count(|c| c.hbone_out += 1);
            let target = TunnelDial {
                host: host.clone(),
                port: *port,
                identity: identity.clone(),
                peer: peer.clone(),
                authority: authority.clone(),
            };
            Box::new(proxy.hbone.connect(&target).await?)
        }
    })
}

pub async fn relay(proxy: Arc<Proxy>, down: BoxIo, up: BoxIo, listener: String) {
    let (down_r, down_w) = tokio::io::split(down);
    let (up_r, up_w) = tokio::io::split(up);
    tokio::join!(copy(&proxy, down_r, up_w, &listener), copy(&proxy, up_r, down_w, &listener));
}

async fn copy(proxy: &Proxy, mut from: ReadHalf<BoxIo>, mut to: WriteHalf<BoxIo>, listener: &str) {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let t0 = Instant::now();
        if to.write_all(&buf[..n]).await.is_err() {
            break;
        }
        proxy.record_own(listener, t0.elapsed().as_nanos() as f64 / 1000.0);
        proxy.count(|c| c.bytes += n as u64);
    }
    let _ = to.shutdown().await;
}
