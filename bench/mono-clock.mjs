// One clock for times compared across the bench's processes (the bench, the phones' swarm, the
// raw `ws` floor): CLOCK_MONOTONIC in ms, libuv's uv_hrtime. `performance.timeOrigin + now()`
// reads the wall clock once per process, so two processes' origins can differ by NTP's slew.
// Its own module so the children need not load support.mjs (and Playwright with it).
export const monoMs = () => Number(process.hrtime.bigint()) / 1e6;
