//! The L7 policy semantics of the lab's proxies, kept pure so they are tested on their own.
//! Modelled on Envoy's router: faults are decided first and answered locally (never retried);
//! retries cover upstream 5xx and connection failures, each try bounded by the per-try timeout,
//! all of it bounded by the request timeout.
use crate::config::L7Policy;
use crate::error::Error;
use http::StatusCode;
use std::future::Future;
use std::time::Duration;
use tokio::time::Instant;

#[derive(Debug, PartialEq)]
pub struct FaultDecision {
    pub abort_status: Option<StatusCode>,
    pub delay_ms: u64,
}

/// `roll()` returns a uniform number in [0, 100).
pub fn decide_fault(policy: &L7Policy, mut roll: impl FnMut() -> f64) -> FaultDecision {
    let f = &policy.fault;
    let delay_ms = if f.delay_percent > 0.0 && roll() < f.delay_percent { f.delay_ms } else { 0 };
    let abort_status = (f.abort_percent > 0.0 && roll() < f.abort_percent).then_some(f.abort_status);
    FaultDecision { abort_status, delay_ms }
}

#[derive(Debug)]
pub enum TryError {
    /// The try ran out of time (per-try or request deadline).
    Timeout,
    /// Connection refused, reset, TLS failure, malformed response…
    Failed(Error),
}

pub enum Outcome<R> {
    Answered { status: StatusCode, value: R },
    Failed(TryError),
}

impl<R> Outcome<R> {
    fn retriable(&self) -> bool {
        match self {
            Outcome::Answered { status, .. } => status.is_server_error(),
            Outcome::Failed(_) => true,
        }
    }
}

pub struct RetryResult<R> {
    pub outcome: Outcome<R>,
    pub attempts: u32,
}

/// Runs `attempt` until it is answered with a non-5xx status, the tries are used up, or the
/// request deadline passes. `attempt` gets the time it may take (None: unbounded).
pub async fn with_retries<R, F, Fut>(policy: &L7Policy, mut attempt: F) -> RetryResult<R>
where
    F: FnMut(Option<Duration>) -> Fut,
    Fut: Future<Output = Outcome<R>>,
{
    let tries = if policy.retries.enabled { policy.retries.attempts.max(1) } else { 1 };
    let deadline = policy.timeout.enabled.then(|| Instant::now() + Duration::from_millis(policy.timeout.ms));
    let per_try = (policy.retries.enabled && policy.retries.per_try_timeout_ms > 0).then(|| Duration::from_millis(policy.retries.per_try_timeout_ms));
    // Replaced by the first try: there is always one (tries ≥ 1, and a deadline not yet passed).
    let mut outcome = Outcome::Failed(TryError::Timeout);
    let mut attempts = 0;
    while attempts < tries {
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        if left == Some(Duration::ZERO) {
            return RetryResult {
                outcome: Outcome::Failed(TryError::Timeout),
                attempts,
            };
        }
        let budget = match (left, per_try) {
            (Some(l), Some(p)) => Some(l.min(p)),
            (l, p) => l.or(p),
        };
        attempts += 1;
        outcome = attempt(budget).await;
        if !outcome.retriable() {
            break;
        }
    }
    if matches!(outcome, Outcome::Failed(_)) && deadline.is_some_and(|d| Instant::now() >= d) {
        outcome = Outcome::Failed(TryError::Timeout);
    }
    RetryResult { outcome, attempts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{FaultPolicy, RetryPolicy, TimeoutPolicy};

    fn policy(retries: bool, attempts: u32, per_try: u64, timeout: Option<u64>) -> L7Policy {
        L7Policy {
            retries: RetryPolicy {
                enabled: retries,
                attempts,
                per_try_timeout_ms: per_try,
            },
            timeout: TimeoutPolicy {
                enabled: timeout.is_some(),
                ms: timeout.unwrap_or(1),
            },
            fault: FaultPolicy {
                abort_percent: 0.0,
                abort_status: StatusCode::SERVICE_UNAVAILABLE,
                delay_percent: 0.0,
                delay_ms: 0,
            },
            mtls: true,
        }
    }

    #[test]
    fn faults_follow_their_percentages() {
        let mut p = policy(false, 1, 1, None);
        p.fault = FaultPolicy {
            abort_percent: 30.0,
            abort_status: StatusCode::INTERNAL_SERVER_ERROR,
            delay_percent: 50.0,
            delay_ms: 100,
        };
        let mut rolls = [10.0, 20.0].into_iter();
        assert_eq!(
            decide_fault(&p, || rolls.next().unwrap()),
            FaultDecision {
                abort_status: Some(StatusCode::INTERNAL_SERVER_ERROR),
                delay_ms: 100
            }
        );
        let mut rolls = [60.0, 40.0].into_iter();
        assert_eq!(
            decide_fault(&p, || rolls.next().unwrap()),
            FaultDecision {
                abort_status: None,
                delay_ms: 0
            }
        );
        assert_eq!(
            decide_fault(&policy(false, 1, 1, None), || 0.0),
            FaultDecision {
                abort_status: None,
                delay_ms: 0
            }
        );
    }

    #[tokio::test(start_paused = true)]
    async fn retries_5xx_until_answered() {
        let mut statuses = [StatusCode::SERVICE_UNAVAILABLE, StatusCode::BAD_GATEWAY, StatusCode::OK].into_iter();
        let r = with_retries(&policy(true, 3, 500, None), |budget| {
            assert_eq!(budget, Some(Duration::from_millis(500)));
            let status = statuses.next().unwrap();
            async move { Outcome::Answered { status, value: () } }
        })
        .await;
        assert_eq!(r.attempts, 3);
        assert!(matches!(r.outcome, Outcome::Answered { status: StatusCode::OK, .. }));
    }

    #[tokio::test(start_paused = true)]
    async fn a_zero_per_try_timeout_leaves_each_try_to_the_request_deadline() {
        let r = with_retries(&policy(true, 3, 0, Some(1000)), |budget| {
            assert_eq!(budget, Some(Duration::from_millis(1000)));
            async {
                Outcome::<()>::Answered {
                    status: StatusCode::OK,
                    value: (),
                }
            }
        })
        .await;
        assert_eq!(r.attempts, 1);
        let r = with_retries(&policy(true, 2, 0, None), |budget| {
            assert_eq!(budget, None);
            async {
                Outcome::<()>::Answered {
                    status: StatusCode::SERVICE_UNAVAILABLE,
                    value: (),
                }
            }
        })
        .await;
        assert_eq!(r.attempts, 2);
    }

    #[tokio::test(start_paused = true)]
    async fn without_retries_one_try_and_no_budget() {
        let r = with_retries(&policy(false, 3, 500, None), |budget| {
            assert_eq!(budget, None);
            async {
                Outcome::<()>::Answered {
                    status: StatusCode::SERVICE_UNAVAILABLE,
                    value: (),
                }
            }
        })
        .await;
        assert_eq!(r.attempts, 1);
        assert!(matches!(
            r.outcome,
            Outcome::Answered {
                status: StatusCode::SERVICE_UNAVAILABLE,
                ..
            }
        ));
    }

    #[tokio::test(start_paused = true)]
    async fn the_request_deadline_bounds_every_try_and_reports_a_timeout() {
        let r = with_retries(&policy(true, 5, 400, Some(1000)), |budget| async move {
            tokio::time::sleep(budget.unwrap()).await;
            Outcome::<()>::Failed(TryError::Timeout)
        })
        .await;
        // 400 + 400 + 200 ms: the third try gets what is left of the second.
        assert_eq!(r.attempts, 3);
        assert!(matches!(r.outcome, Outcome::Failed(TryError::Timeout)));
    }

    #[tokio::test(start_paused = true)]
    async fn connection_failures_are_retried() {
        let mut n = 0;
        let r = with_retries(&policy(true, 2, 100, None), |_| {
            n += 1;
            let first = n == 1;
            async move {
                if first {
                    Outcome::Failed(TryError::Failed(std::io::Error::from(std::io::ErrorKind::ConnectionReset).into()))
                } else {
                    Outcome::Answered {
                        status: StatusCode::OK,
                        value: (),
                    }
                }
            }
        })
        .await;
        assert_eq!(r.attempts, 2);
        assert!(matches!(r.outcome, Outcome::Answered { status: StatusCode::OK, .. }));
    }
}
