// A phone as the bench needs it: socket.io's wire protocol (engine.io v4 over one WebSocket) spoken
// by hand on `ws`, with no decoding beyond the event name. A simulated room lives in one process on
// one CPU, where 2,000 socket.io-clients decoding, dispatching and (to count bytes) re-encoding
// every packet took longer than the server's whole fan-out: the last phone's "arrival" was the
// swarm's queue, not the network's. In a real room each phone decodes its own. Here a frame is
// timed when it arrives and counted at its real size on the wire.
//
// Protocol (https://socket.io/docs/v4/socket-io-protocol/): the server opens with `0{…}` (engine.io
// OPEN), the client asks for the main namespace with `40` (+ auth JSON), the server answers `40{…}`;
// events are `42["name",…args]`; the server pings with `2`, the client answers `3`.
import WebSocket from 'ws';

/**
 * Connects one client. `onFrame(text, at)` gets every event frame (`42[…`) with its arrival time;
 * resolves once the namespace is joined, rejects on error or timeout.
 */
export function connectWire(url, { auth = null, onFrame, timeoutMs = 20_000, now, localAddress }) {
  // localAddress: the phone's source address (a venue's NAT has a few; 127.0.0.x on one machine).
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    perMessageDeflate: false,
    ...(localAddress ? { localAddress } : {}),
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('connect timeout'));
    }, timeoutMs);
    ws.on('message', (data) => {
      const at = now();
      const text = data.toString();
      const type = text.charCodeAt(0);
      if (type === 0x32 /* '2' ping */) ws.send('3');
      else if (type === 0x30 /* '0' open */) ws.send(auth ? `40${JSON.stringify(auth)}` : '40');
      else if (text.startsWith('40')) {
        clearTimeout(timer);
        resolve(ws);
      } else if (text.startsWith('44')) {
        clearTimeout(timer);
        reject(new Error(`refused: ${text.slice(2)}`));
      } else if (text.startsWith('42')) onFrame(text, at);
    });
    ws.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** The event name of an event frame `42["name",…` (a namespace or ack id is never used here). */
export function eventName(frame) {
  const start = frame.indexOf('"') + 1;
  return frame.slice(start, frame.indexOf('"', start));
}
