// The in-memory backend, beside the port it implements (as Hubble UI keeps its mock client beside
// the real ones): tests of the engine, the hub and the stage fallback drive it instead of a lab.
export { InMemoryBackend } from './in-memory-backend';
