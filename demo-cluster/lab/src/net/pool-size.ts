/**
 * Connections one process keeps to one upstream. Bounded so that a burst queues requests on warm
 * connections instead of opening new ones — a TLS handshake costs ≈ 0.5 ms of CPU per side here,
 * and a handshake storm on a saturated CPU only makes it worse (Envoy bounds this with its
 * connection pool and circuit breakers too).
 */
export const CONNECTIONS_PER_UPSTREAM = 32;
