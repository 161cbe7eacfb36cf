// The replay backend's public face: the stage fallback that wraps every live backend and plays the
// recording (labelled) when the live one fails, and the reader of that recording.
export { FallbackBackend, type FallbackOptions } from './fallback-backend';
export { NoLiveBackend } from './no-live-backend';
export { readRecording } from './read-recording';
