//! The destination a connection had before iptables REDIRECT (or the eBPF getsockopt hook)
//! sent it here: `getsockopt(SOL_IP, SO_ORIGINAL_DST)`, as Envoy and ztunnel read it.
use std::net::{Ipv4Addr, SocketAddrV4};
use std::os::fd::AsRawFd;

const SO_ORIGINAL_DST: libc::c_int = 80;

pub fn original_dst(socket: &impl AsRawFd) -> std::io::Result<SocketAddrV4> {
    // SAFETY: getsockopt writes at most `len` bytes into `addr`.
    let mut addr: libc::sockaddr_in = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
    let rc = unsafe {
        libc::getsockopt(
            socket.as_raw_fd(),
            libc::SOL_IP,
            SO_ORIGINAL_DST,
            &mut addr as *mut _ as *mut libc::c_void,
            &mut len,
        )
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(SocketAddrV4::new(
        Ipv4Addr::from(u32::from_be(addr.sin_addr.s_addr)),
        u16::from_be(addr.sin_port),
    ))
}
