//! The data plane's errors, one enum as ztunnel has one (istio/ztunnel src/proxy.rs `Error`), and
//! an error answered over HTTP with its status code, as ztunnel's `InboundError` pairs them
//! (src/proxy/inbound.rs: `.map_err(InboundError::build(StatusCode::BAD_REQUEST))?`). Display
//! texts that reach the controller or a client (a window's `firstError`, a probe's `error`, a
//! proxy's answer body) are the ones the code wrote before these types: wrapped I/O, hyper and h2
//! errors are transparent.
use http::StatusCode;
use std::io;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A line on the IPC channel that is not JSON.
    #[error("unreadable message ({0})")]
    UnreadableMessage(serde_json::Error),
    /// JSON that is not one of this role's messages: unknown `t`, unknown or missing field.
    #[error("bad {t} message: {source}")]
    BadMessage { t: String, source: serde_json::Error },

    #[error("no identity {0}")]
    UnknownIdentity(String),
    #[error("bad certificate PEM: {0}")]
    CertificatePem(rustls::pki_types::pem::Error),
    #[error("bad key PEM: {0}")]
    KeyPem(rustls::pki_types::pem::Error),
    #[error("bad CA certificate: {0}")]
    CaCertificate(rustls::Error),
    #[error("unusable key for {spiffe}: {source}")]
    UnusableKey { spiffe: String, source: rustls::Error },
    #[error("a TLS server needs at least one identity")]
    NoServerIdentity,
    #[error("client verifier: {0}")]
    ClientVerifier(rustls::server::VerifierBuilderError),
    #[error("client certificate: {0}")]
    ClientCertificate(rustls::Error),
    #[error("bad SNI name: {0}")]
    SniName(rustls::pki_types::InvalidDnsNameError),
    #[error(transparent)]
    Tls(#[from] rustls::Error),

    #[error("listen {addr} ({listener}): {source}")]
    Bind { addr: String, listener: String, source: io::Error },
    #[error("routes for listener {0}, which this proxy does not have")]
    UnknownListener(String),
    #[error("routes for listener {0} of another kind than the one bound")]
    ListenerKindChanged(String),

    /// The texts of the four below are the L7 proxy's answer bodies.
    #[error("no route for this destination")]
    NoRoute,
    #[error("unreadable request body")]
    UnreadableBody(#[source] hyper::Error),
    #[error("upstream connect error")]
    UpstreamConnect(#[source] Box<Error>),
    #[error("upstream request timeout")]
    Timeout,
    #[error("expected method CONNECT, got {0}")]
    NonConnectMethod(http::Method),
    #[error("no route for CONNECT authority {0}")]
    UnknownAuthority(String),
    #[error("HBONE CONNECT {authority} answered {status}")]
    ConnectRefused { authority: String, status: u16 },

    /// The load generator's texts for a request or probe that got no answer (`firstError`, a probe's `error`).
    #[error("no answer within {} s", .0.as_secs())]
    NoAnswerWithin(std::time::Duration),
    #[error("probe timed out")]
    ProbeTimeout,
    #[error("no target")]
    NoTarget,

    #[error("{name} must be a non-negative number (got \"{value}\")")]
    EnvNumber { name: &'static str, value: String },
    #[error("UPSTREAM has a bad port: \"{0}\"")]
    EnvUpstreamPort(String),

    #[error(transparent)]
    Io(#[from] io::Error),
    #[error(transparent)]
    Hyper(#[from] hyper::Error),
    #[error(transparent)]
    H2(#[from] h2::Error),
    #[error(transparent)]
    Http(#[from] http::Error),
    #[error(transparent)]
    Join(#[from] tokio::task::JoinError),
    #[error(transparent)]
    HeaderValue(#[from] http::header::InvalidHeaderValue),
}

/// An error with the status code it is answered with.
#[derive(Debug)]
pub struct HttpError(pub Error, pub StatusCode);

impl HttpError {
    pub fn build(code: StatusCode) -> impl Fn(Error) -> Self {
        move |e| HttpError(e, code)
    }
}
