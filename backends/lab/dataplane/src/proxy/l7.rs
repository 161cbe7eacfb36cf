//! The L7 proxy's request path: read the request, apply the policy (fault delay/abort, retries
//! with per-try and request timeouts — Envoy's router semantics), forward it on a pooled
//! connection, answer, and time its own share (total minus time spent waiting upstream).
use super::Proxy;
use crate::config::{L7Policy, L7Route};
use crate::error::{Error, HttpError};
use crate::io::BoxIo;
use crate::ipc::{REQUEST_ID_HEADER, VIA_HEADER};
use crate::policy::{decide_fault, with_retries, Outcome, TryError};
use crate::pool::{end_to_end, Answer};
use bytes::Bytes;
use http::StatusCode;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use rand::Rng;
use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How an HTTP/1.1 connection finds its route: by key in the listener's (current) routes, a
/// fixed route (a tunnel's CONNECT authority), or none (answered 503).
pub enum Route {
    Keyed(String),
    Fixed(L7Route),
    None,
}

pub async fn serve_h1(proxy: Arc<Proxy>, io: BoxIo, listener: String, route: Route) {
    let route = Arc::new(route);
    let service = hyper::service::service_fn(move |req: http::Request<Incoming>| {
        let (proxy, listener, route) = (proxy.clone(), listener.clone(), route.clone());
        async move { Ok::<_, Infallible>(dispatch(&proxy, &listener, &route, req).await) }
    });
    let _ = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .serve_connection(TokioIo::new(io), service)
        .await;
}

fn current_route(proxy: &Proxy, listener: &str, route: &Route) -> Option<L7Route> {
    match route {
        Route::Fixed(r) => Some(r.clone()),
        Route::None => None,
        Route::Keyed(key) => proxy.l7_route(listener, key),
    }
}

impl HttpError {
    /// The proxy's own answer to a request it could not forward: the status, and the error's
    /// text as a plain-text body (Envoy's local replies, e.g. "upstream request timeout").
    fn answer(&self) -> Answer {
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("text/plain"));
        Answer {
            status: self.1,
            headers,
            body: Bytes::from(self.0.to_string()),
        }
    }

    fn response(&self) -> http::Response<Full<Bytes>> {
        let answer = self.answer();
        let mut r = http::Response::new(Full::new(answer.body));
        *r.status_mut() = answer.status;
        *r.headers_mut() = answer.headers;
        r
    }
}

async fn dispatch(proxy: &Proxy, listener: &str, route: &Route, req: http::Request<Incoming>) -> http::Response<Full<Bytes>> {
    let accepted = async {
        let route = current_route(proxy, listener, route)
            .ok_or(Error::NoRoute)
            .map_err(HttpError::build(StatusCode::SERVICE_UNAVAILABLE))?;
        let (parts, body) = req.into_parts();
        let body = body
            .collect()
            .await
            .map_err(Error::UnreadableBody)
            .map_err(HttpError::build(StatusCode::BAD_REQUEST))?
            .to_bytes();
        Ok::<_, HttpError>((route, parts, body))
    };
    match accepted.await {
        Ok((route, parts, body)) => handle(proxy, &route, listener, parts, body).await,
        // Answered before any upstream was involved: no via header, no own time.
        Err(e) => e.response(),
    }
}

pub fn new_request_id() -> String {
    format!("{:032x}", rand::rng().random::<u128>())
}

async fn handle(proxy: &Proxy, route: &L7Route, listener: &str, parts: http::request::Parts, body: Bytes) -> http::Response<Full<Bytes>> {
    let t0 = Instant::now();
    let mut headers = end_to_end(&parts.headers);
    let request_id = match headers.get(REQUEST_ID_HEADER).and_then(|v| v.to_str().ok()) {
        Some(id) => id.to_string(),
        None => {
            let id = new_request_id();
            headers.insert(REQUEST_ID_HEADER, http::HeaderValue::from_str(&id).expect("hex is a valid header value"));
            id
        }
    };
    proxy.remember_request(&request_id);
    let policy: Arc<L7Policy> = if route.enforce_policy { proxy.policy() } else { proxy.no_policy.clone() };
    // Nanoseconds spent waiting upstream, over every try (an atomic: the handler must be Send).
    let upstream_ns = AtomicU64::new(0);

    let fault = decide_fault(&policy, || rand::rng().random_range(0.0..100.0));
    if fault.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
    }
    let answer = if let Some(status) = fault.abort_status {
        proxy.count(|c| c.faults += 1);
        let mut h = http::HeaderMap::new();
        h.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("text/plain"));
        h.insert("x-meshstage-fault", http::HeaderValue::from_static("abort"));
        Answer {
            status,
            headers: h,
            body: Bytes::from_static(b"fault filter abort"),
        }
    } else {
        let path = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/").to_string();
        forward(proxy, route, &policy, &parts.method, &path, &headers, body, &upstream_ns)
            .await
            .unwrap_or_else(|e| e.answer())
    };
    respond(proxy, listener, answer, t0, Duration::from_nanos(upstream_ns.load(Ordering::Relaxed)))
}

/// Sends the request upstream under the policy's retries and timeouts.
#[allow(clippy::too_many_arguments)]
async fn forward(
    proxy: &Proxy,
    route: &L7Route,
    policy: &L7Policy,
    method: &http::Method,
    path: &str,
    headers: &http::HeaderMap,
    body: Bytes,
    upstream_ns: &AtomicU64,
) -> Result<Answer, HttpError> {
    let pool = proxy
        .pool(&route.upstream)
        .inspect_err(|e| proxy.upstream_error(&e.to_string()))
        .map_err(|e| Error::UpstreamConnect(Box::new(e)))
        .map_err(HttpError::build(StatusCode::SERVICE_UNAVAILABLE))?;
    let result = with_retries(policy, |budget| {
        let (pool, body) = (pool.clone(), body.clone());
        let started = Instant::now();
        async move {
            let send = pool.send(method, path, headers, body);
            let outcome = match budget {
                Some(b) => match tokio::time::timeout(b, send).await {
                    Ok(r) => r.map_err(TryError::Failed),
                    Err(_) => Err(TryError::Timeout),
                },
                None => send.await.map_err(TryError::Failed),
            };
            upstream_ns.fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
            match outcome {
                Ok(a) => Outcome::Answered { status: a.status, value: a },
                Err(e) => Outcome::Failed(e),
            }
        }
    })
    .await;
    proxy.count(|c| c.retries += u64::from(result.attempts.saturating_sub(1)));
    match result.outcome {
        Outcome::Answered { value, .. } => Ok(value),
        Outcome::Failed(TryError::Timeout) => {
            proxy.upstream_error("upstream request timeout");
            Err(HttpError::build(StatusCode::GATEWAY_TIMEOUT)(Error::Timeout))
        }
        Outcome::Failed(TryError::Failed(why)) => {
            proxy.upstream_error(&format!("upstream failed: {why}"));
            Err(HttpError::build(StatusCode::SERVICE_UNAVAILABLE)(Error::UpstreamConnect(Box::new(why))))
        }
    }
}

fn respond(proxy: &Proxy, listener: &str, answer: Answer, t0: Instant, upstream_time: Duration) -> http::Response<Full<Bytes>> {
    let mut headers = end_to_end(&answer.headers);
    let via = match headers.get(VIA_HEADER).and_then(|v| v.to_str().ok()) {
        Some(v) => format!("{}, {v}", proxy.id),
        None => proxy.id.clone(),
    };
    if let Ok(v) = http::HeaderValue::from_str(&via) {
        headers.insert(VIA_HEADER, v);
    }
    let mut response = http::Response::new(Full::new(answer.body));
    *response.status_mut() = answer.status;
    *response.headers_mut() = headers;
    proxy.record_own(listener, t0.elapsed().saturating_sub(upstream_time).as_nanos() as f64 / 1000.0);
    response
}
