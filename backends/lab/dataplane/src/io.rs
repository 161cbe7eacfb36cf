//! One boxed stream type for everything a connection can be carried on: TCP, TLS over TCP, or
//! an HBONE tunnel (an HTTP/2 CONNECT stream inside mTLS).
use tokio::io::{AsyncRead, AsyncWrite};

pub trait Io: AsyncRead + AsyncWrite + Send + Unpin + 'static {}
impl<T: AsyncRead + AsyncWrite + Send + Unpin + 'static> Io for T {}

pub type BoxIo = Box<dyn Io>;

/// Connects over TCP with Nagle off (small HTTP messages must not wait for delayed ACKs).
pub async fn tcp_connect(host: &str, port: u16) -> std::io::Result<tokio::net::TcpStream> {
    let s = tokio::net::TcpStream::connect((host, port)).await?;
    s.set_nodelay(true)?;
    Ok(s)
}

/// Connects from a given local address (Envoy's upstream_bind_config.source_address): Istio's
/// sidecar reaches its app on the pod IP from 127.0.0.6, which its iptables rules let through.
pub async fn tcp_connect_from(host: &str, port: u16, source: Option<&str>) -> std::io::Result<tokio::net::TcpStream> {
    let Some(source) = source else { return tcp_connect(host, port).await };
    let addr = tokio::net::lookup_host((host, port))
        .await?
        .find(|a| a.is_ipv4())
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, format!("no IPv4 address for {host}")))?;
    let socket = tokio::net::TcpSocket::new_v4()?;
    let ip: std::net::Ipv4Addr = source
        .parse()
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("source {source}: {e}")))?;
    socket.bind(std::net::SocketAddr::from((ip, 0)))?;
    let s = socket.connect(addr).await?;
    s.set_nodelay(true)?;
    Ok(s)
}

/// Accepts connections for ever, Nagle off, each served in its own task; a failing accept (out of
/// descriptors, say) backs off instead of spinning.
pub fn accept_loop<F, Fut>(listener: tokio::net::TcpListener, serve: F)
where
    F: Fn(tokio::net::TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    tokio::spawn(async move {
        loop {
            match listener.accept().await {
                Ok((socket, _)) => {
                    let _ = socket.set_nodelay(true);
                    tokio::spawn(serve(socket));
                }
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(10)).await,
            }
        }
    });
}
