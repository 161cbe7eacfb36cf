//! mTLS with workload identities, as Istio does: TLS 1.3 only, certificates carrying only a
//! SPIFFE URI SAN, peers verified by that URI (not by host name), the presented certificate of a
//! multi-identity server (ztunnel) chosen by SNI. Modelled on ztunnel's `tls/workload.rs`.
use crate::config::Identity;
use crate::error::Error;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::server::{ClientHello, ResolvesServerCert, WebPkiClientVerifier};
use rustls::sign::CertifiedKey;
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, ServerConfig, SignatureScheme};
use std::collections::HashMap;
use std::sync::Arc;

pub const ALPN_H2: &[u8] = b"h2";
/// What Istio sidecars negotiate for HTTP/1.1 over mTLS (no HTTP/2 upgrade by default).
pub const ALPN_ISTIO_HTTP11: &[u8] = b"istio-http/1.1";

pub fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The SNI name that selects a workload's certificate: `<sa>.<ns>.identity.local`.
pub fn sni_name(spiffe: &str) -> String {
    let sa = spiffe.split("/sa/").nth(1).unwrap_or("unknown");
    let ns = spiffe.split("/ns/").nth(1).and_then(|s| s.split('/').next()).unwrap_or("default");
    format!("{sa}.{ns}.identity.local")
}

/// The SPIFFE URI SANs of a DER certificate.
pub fn spiffe_ids(der: &[u8]) -> Vec<String> {
    use x509_parser::prelude::*;
    let Ok((_, cert)) = X509Certificate::from_der(der) else { return vec![] };
    let Ok(Some(san)) = cert.subject_alternative_name() else { return vec![] };
    san.value
        .general_names
        .iter()
        .filter_map(|n| match n {
            GeneralName::URI(uri) if uri.starts_with("spiffe://") => Some(uri.to_string()),
            _ => None,
        })
        .collect()
}

fn certs(pem: &str) -> Result<Vec<CertificateDer<'static>>, Error> {
    CertificateDer::pem_slice_iter(pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(Error::CertificatePem)
}

fn key(pem: &str) -> Result<PrivateKeyDer<'static>, Error> {
    PrivateKeyDer::from_pem_slice(pem.as_bytes()).map_err(Error::KeyPem)
}

fn roots(ca_pem: &str) -> Result<Arc<RootCertStore>, Error> {
    let mut store = RootCertStore::empty();
    for c in certs(ca_pem)? {
        store.add(c).map_err(Error::CaCertificate)?;
    }
    Ok(Arc::new(store))
}

fn certified(id: &Identity) -> Result<Arc<CertifiedKey>, Error> {
    let signing = rustls::crypto::ring::sign::any_supported_type(&key(&id.key_pem)?).map_err(|source| Error::UnusableKey {
        spiffe: id.spiffe.clone(),
        source,
    })?;
    Ok(Arc::new(CertifiedKey::new(certs(&id.cert_pem)?, signing)))
}

#[derive(Debug)]
struct BySni {
    by_name: HashMap<String, Arc<CertifiedKey>>,
    fallback: Arc<CertifiedKey>,
}

impl ResolvesServerCert for BySni {
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(hello.server_name().and_then(|n| self.by_name.get(n)).unwrap_or(&self.fallback).clone())
    }
}

/// A server presenting one of `identities` (by SNI) and requiring a CA-signed client certificate.
pub fn server_config(identities: &[&Identity], alpn: &[u8]) -> Result<Arc<ServerConfig>, Error> {
    let first = identities.first().ok_or(Error::NoServerIdentity)?;
    let mut by_name = HashMap::new();
    for id in identities {
        by_name.insert(sni_name(&id.spiffe), certified(id)?);
    }
    let resolver = BySni {
        fallback: by_name[&sni_name(&first.spiffe)].clone(),
        by_name,
    };
    let verifier = WebPkiClientVerifier::builder_with_provider(roots(&first.ca_pem)?, provider())
        .build()
        .map_err(Error::ClientVerifier)?;
    let mut config = ServerConfig::builder_with_provider(provider())
        .with_protocol_versions(&[&rustls::version::TLS13])?
        .with_client_cert_verifier(verifier)
        .with_cert_resolver(Arc::new(resolver));
    config.alpn_protocols = vec![alpn.to_vec()];
    Ok(Arc::new(config))
}

/// Accepts only a server whose certificate chains to the lab CA and names `expected` in its URI SAN.
#[derive(Debug)]
struct SpiffeVerifier {
    roots: Arc<RootCertStore>,
    expected: String,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for SpiffeVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _name: &ServerName<'_>,
        _ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let cert = webpki::EndEntityCert::try_from(end_entity).map_err(|e| rustls::Error::General(format!("bad peer certificate: {e}")))?;
        cert.verify_for_usage(
            self.provider.signature_verification_algorithms.all,
            &self.roots.roots,
            intermediates,
            now,
            webpki::KeyUsage::server_auth(),
            None,
            None,
        )
        .map_err(|e| rustls::Error::General(format!("peer certificate not trusted: {e}")))?;
        let ids = spiffe_ids(end_entity);
        if ids.contains(&self.expected) {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General(format!(
                "peer is {}, expected {}",
                ids.first().map_or("anonymous", |s| s.as_str()),
                self.expected
            )))
        }
    }

    fn verify_tls12_signature(&self, m: &[u8], c: &CertificateDer<'_>, d: &DigitallySignedStruct) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(m, c, d, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(&self, m: &[u8], c: &CertificateDer<'_>, d: &DigitallySignedStruct) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(m, c, d, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// A client presenting `id` and accepting only the peer `expected_peer`; the server name it sends
/// is the peer's SNI name.
pub fn client_config(id: &Identity, expected_peer: &str, alpn: &[u8]) -> Result<(Arc<ClientConfig>, ServerName<'static>), Error> {
    let verifier = SpiffeVerifier {
        roots: roots(&id.ca_pem)?,
        expected: expected_peer.to_string(),
        provider: provider(),
    };
    let mut config = ClientConfig::builder_with_provider(provider())
        .with_protocol_versions(&[&rustls::version::TLS13])?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_client_auth_cert(certs(&id.cert_pem)?, key(&id.key_pem)?)
        .map_err(Error::ClientCertificate)?;
    config.alpn_protocols = vec![alpn.to_vec()];
    let name = ServerName::try_from(sni_name(expected_peer)).map_err(Error::SniName)?;
    Ok((Arc::new(config), name))
}

/// What the server side learns of a peer: its SPIFFE id, TLS version and ALPN.
#[derive(Debug)]
pub struct PeerFacts {
    pub spiffe: Option<String>,
    pub version: Option<&'static str>,
    pub alpn: Option<String>,
}

pub fn peer_facts(conn: &rustls::ServerConnection) -> PeerFacts {
    PeerFacts {
        spiffe: conn.peer_certificates().and_then(|c| c.first()).and_then(|c| spiffe_ids(c).into_iter().next()),
        version: conn.protocol_version().map(|v| match v {
            rustls::ProtocolVersion::TLSv1_3 => "TLSv1.3",
            rustls::ProtocolVersion::TLSv1_2 => "TLSv1.2",
            _ => "other",
        }),
        alpn: conn.alpn_protocol().map(|a| String::from_utf8_lossy(a).into_owned()),
    }
}

#[cfg(test)]
pub mod testing {
    //! A CA and workload certificates shaped like the lab CA's (lab-ca.ts): ECDSA P-256, only a
    //! critical SPIFFE URI SAN.
    use super::*;
    use rcgen::{BasicConstraints, CertificateParams, ExtendedKeyUsagePurpose, IsCa, KeyPair, SanType};

    pub struct TestCa {
        params: CertificateParams,
        key: KeyPair,
        pem: String,
    }

    impl TestCa {
        pub fn new() -> TestCa {
            let mut params = CertificateParams::new(vec![]).unwrap();
            params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
            let key = KeyPair::generate().unwrap();
            let pem = params.clone().self_signed(&key).unwrap().pem();
            TestCa { params, key, pem }
        }

        pub fn issue(&self, spiffe: &str) -> Identity {
            let mut params = CertificateParams::new(vec![]).unwrap();
            params.subject_alt_names = vec![SanType::URI(spiffe.try_into().unwrap())];
            params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth, ExtendedKeyUsagePurpose::ClientAuth];
            let key = KeyPair::generate().unwrap();
            let issuer = rcgen::Issuer::from_params(&self.params, &self.key);
            let cert = params.signed_by(&key, &issuer).unwrap();
            Identity {
                spiffe: spiffe.to_string(),
                cert_pem: cert.pem(),
                key_pem: key.serialize_pem(),
                ca_pem: self.pem.clone(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::TestCa;
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    const WEB: &str = "spiffe://cluster.local/ns/demo/sa/web";
    const CATALOG: &str = "spiffe://cluster.local/ns/demo/sa/catalog";

    async fn handshake(server_ids: &[&Identity], client: &Identity, expect: &str) -> Result<(PeerFacts, String), String> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(server_config(server_ids, ALPN_ISTIO_HTTP11).map_err(|e| e.to_string())?);
        let server = tokio::spawn(async move {
            let (tcp, _) = listener.accept().await.unwrap();
            let mut tls = acceptor.accept(tcp).await.map_err(|e| e.to_string())?;
            let facts = peer_facts(tls.get_ref().1);
            tls.write_all(b"hi").await.unwrap();
            tls.flush().await.unwrap();
            Ok::<_, String>(facts)
        });
        let (config, name) = client_config(client, expect, ALPN_ISTIO_HTTP11).map_err(|e| e.to_string())?;
        let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
        let connected = tokio_rustls::TlsConnector::from(config).connect(name, tcp).await;
        let mut tls = match connected {
            Ok(t) => t,
            Err(e) => {
                server.abort();
                return Err(e.to_string());
            }
        };
        let mut buf = [0u8; 2];
        tls.read_exact(&mut buf).await.map_err(|e| e.to_string())?;
        let facts = server.await.unwrap()?;
        Ok((facts, String::from_utf8_lossy(&buf).into_owned()))
    }

    #[tokio::test]
    async fn mutual_tls_13_with_spiffe_identities_both_ways() {
        let ca = TestCa::new();
        let (web, catalog) = (ca.issue(WEB), ca.issue(CATALOG));
        let (facts, said) = handshake(&[&catalog], &web, CATALOG).await.unwrap();
        assert_eq!(said, "hi");
        assert_eq!(facts.spiffe.as_deref(), Some(WEB));
        assert_eq!(facts.version, Some("TLSv1.3"));
        assert_eq!(facts.alpn.as_deref(), Some("istio-http/1.1"));
    }

    #[tokio::test]
    async fn a_server_with_another_identity_is_refused() {
        let ca = TestCa::new();
        let web = ca.issue(WEB);
        let err = handshake(&[&web], &web, CATALOG).await.unwrap_err();
        assert!(err.contains("expected spiffe://cluster.local/ns/demo/sa/catalog"), "{err}");
    }

    #[tokio::test]
    async fn a_multi_identity_server_presents_the_one_asked_for_by_sni() {
        let ca = TestCa::new();
        let (web, catalog) = (ca.issue(WEB), ca.issue(CATALOG));
        assert!(handshake(&[&web, &catalog], &web, CATALOG).await.is_ok());
        assert!(handshake(&[&web, &catalog], &catalog, WEB).await.is_ok());
    }

    #[tokio::test]
    async fn a_certificate_from_another_ca_is_refused() {
        let (ca, other) = (TestCa::new(), TestCa::new());
        let catalog = ca.issue(CATALOG);
        let intruder = other.issue(WEB);
        assert!(handshake(&[&catalog], &intruder, CATALOG).await.is_err());
    }

    #[test]
    fn sni_names_follow_the_service_account() {
        assert_eq!(sni_name(CATALOG), "catalog.demo.identity.local");
    }
}
