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
