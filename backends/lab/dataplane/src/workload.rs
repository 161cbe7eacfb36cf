//! A demo service: answers with a payload of the configured size after making its one call to
//! the next service (web → catalog → inventory). `errorPercent` makes it flaky, for retries to
//! recover. Started by the lab controller, or standalone in a Kubernetes pod (the kind demo),
//! configured from its environment.
use crate::config::{Endpoint, WorkloadConfig};
use crate::error::Error;
use crate::io::accept_loop;
use crate::ipc::{self, Inbox, Outbox, REQUEST_ID_HEADER, VIA_HEADER};
use crate::messages::ToWorkload;
use crate::pool::{Connector, H1Pool};
use crate::proxy::new_request_id;
use bytes::Bytes;
use http::StatusCode;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use rand::Rng;
use std::convert::Infallible;
use std::sync::{Arc, RwLock};

struct App {
    id: String,
    upstream: RwLock<Option<Arc<H1Pool>>>,
    payload: RwLock<Bytes>,
    error_percent: RwLock<f64>,
}

fn pool_for(upstream: &Option<Endpoint>) -> Option<Arc<H1Pool>> {
    upstream.as_ref().map(|e| {
        H1Pool::new(
            Connector::Tcp {
                host: e.host.clone(),
                port: e.port,
                source: None,
            },
            e.addr(),
        )
    })
}

fn response(status: StatusCode, via: &str, content_type: &'static str, body: Bytes) -> http::Response<Full<Bytes>> {
    let mut r = http::Response::new(Full::new(body));
    *r.status_mut() = status;
    r.headers_mut().insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(content_type));
    if let Ok(v) = http::HeaderValue::from_str(via) {
        r.headers_mut().insert(VIA_HEADER, v);
    }
    r
}

async fn serve(app: Arc<App>, req: http::Request<Incoming>) -> http::Response<Full<Bytes>> {
    let request_id = req
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .unwrap_or_else(new_request_id);
    drop(req); // a GET: nothing to read
    let error_percent = *app.error_percent.read().unwrap();
    if error_percent > 0.0 && rand::rng().random_range(0.0..100.0) < error_percent {
        return response(
            StatusCode::SERVICE_UNAVAILABLE,
            &app.id,
            "text/plain",
            Bytes::from_static(b"injected backend error"),
        );
    }
    let mut via = app.id.clone();
    let upstream = app.upstream.read().unwrap().clone();
    if let Some(pool) = upstream {
        let mut headers = http::HeaderMap::new();
        headers.insert(
            REQUEST_ID_HEADER,
            http::HeaderValue::from_str(&request_id).unwrap_or(http::HeaderValue::from_static("invalid")),
        );
        let (status, next_via) = match pool.send(&http::Method::GET, "/", &headers, Bytes::new()).await {
            Ok(a) => (a.status, a.headers.get(VIA_HEADER).and_then(|v| v.to_str().ok()).map(str::to_string)),
            Err(_) => (StatusCode::BAD_GATEWAY, None),
        };
        if let Some(v) = next_via {
            via = format!("{via}, {v}");
        }
        if status.is_server_error() {
            return response(
                StatusCode::BAD_GATEWAY,
                &via,
                "text/plain",
                Bytes::from(format!("upstream answered {}", status.as_u16())),
            );
        }
    }
    let payload = app.payload.read().unwrap().clone();
    response(StatusCode::OK, &via, "application/octet-stream", payload)
}

async fn listen(app: Arc<App>, at: &Endpoint) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(at.addr()).await?;
    accept_loop(listener, move |socket| {
        let app = app.clone();
        async move {
            let service = hyper::service::service_fn(move |req| {
                let app = app.clone();
                async move { Ok::<_, Infallible>(serve(app, req).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(socket), service)
                .await;
        }
    });
    Ok(())
}

fn app(config: &WorkloadConfig) -> Arc<App> {
    Arc::new(App {
        id: config.id.clone(),
        upstream: RwLock::new(pool_for(&config.upstream)),
        payload: RwLock::new(Bytes::from(vec![b'x'; config.payload_bytes])),
        error_percent: RwLock::new(config.error_percent),
    })
}

pub async fn run(mut inbox: Inbox, out: Outbox) {
    let config = ipc::config::<ToWorkload>(&mut inbox, &out, "workload").await;
    let app = app(&config);
    if let Err(e) = listen(app.clone(), &config.listen).await {
        ipc::fatal(&out, &config.id, format!("listen {}: {e}", config.listen.addr())).await;
    }
    ipc::ready(&out, &config.id);
    while let Some(m) = inbox.next::<ToWorkload>().await {
        match m {
            // New requests take the new path; connections of the old pool close once their
            // in-flight requests are done (nothing else holds them).
            Ok(ToWorkload::Upstream { upstream }) => *app.upstream.write().unwrap() = pool_for(&upstream),
            Ok(ToWorkload::Workload { payload_bytes, error_percent }) => {
                *app.payload.write().unwrap() = Bytes::from(vec![b'x'; payload_bytes]);
                *app.error_percent.write().unwrap() = error_percent;
            }
            Ok(ToWorkload::Config(_)) => eprintln!("{}: a second config, ignored", config.id),
            Err(e) => eprintln!("{}: {e}", config.id),
        }
    }
    std::process::exit(0);
}

/// In a Kubernetes pod there is no controller: configuration comes from the environment, and
/// the next service is reached by its DNS name (e.g. UPSTREAM=catalog:80).
pub fn config_from_env(env: impl Fn(&str) -> Option<String>) -> Result<WorkloadConfig, Error> {
    let number = |name: &'static str, fallback: f64| -> Result<f64, Error> {
        match env(name).filter(|v| !v.is_empty()) {
            None => Ok(fallback),
            Some(v) => v
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite() && *n >= 0.0)
                .ok_or(Error::EnvNumber { name, value: v }),
        }
    };
    let upstream = match env("UPSTREAM").filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => {
            let (host, port) = v.split_once(':').unwrap_or((&v, "80"));
            Some(Endpoint {
                host: host.to_string(),
                port: port.parse().map_err(|_| Error::EnvUpstreamPort(v.clone()))?,
            })
        }
    };
    Ok(WorkloadConfig {
        id: env("APP_NAME").filter(|v| !v.is_empty()).unwrap_or_else(|| "workload".into()),
        listen: Endpoint {
            host: "0.0.0.0".into(),
            port: number("PORT", 8080.0)? as u16,
        },
        upstream,
        payload_bytes: number("PAYLOAD_BYTES", 1024.0)? as usize,
        error_percent: number("ERROR_PERCENT", 0.0)?,
    })
}

pub async fn run_standalone() {
    let config = match config_from_env(|k| std::env::var(k).ok()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("workload: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = listen(app(&config), &config.listen).await {
        eprintln!("{}: listen {}: {e}", config.id, config.listen.addr());
        std::process::exit(1);
    }
    eprintln!("{}: listening on {}", config.id, config.listen.addr());
    // PID 1 in a container ignores signals it has no handler for.
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configures_from_the_environment_like_the_kind_manifests() {
        let env = |k: &str| match k {
            "APP_NAME" => Some("catalog".to_string()),
            "UPSTREAM" => Some("inventory:80".to_string()),
            "PAYLOAD_BYTES" => Some("2048".to_string()),
            _ => None,
        };
        let c = config_from_env(env).unwrap();
        assert_eq!(c.id, "catalog");
        assert_eq!(
            c.upstream,
            Some(Endpoint {
                host: "inventory".into(),
                port: 80
            })
        );
        assert_eq!((c.payload_bytes, c.error_percent, c.listen.port), (2048, 0.0, 8080));
    }

    #[test]
    fn refuses_a_negative_error_rate() {
        let err = config_from_env(|k| (k == "ERROR_PERCENT").then(|| "-5".to_string())).unwrap_err().to_string();
        assert!(err.contains("ERROR_PERCENT must be a non-negative number"), "{err}");
    }
}
