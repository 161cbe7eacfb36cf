// The light room's words, one copy for the console, the remote and the phones (deck:light).

/** What a phone shows where a live chart would be. */
export const LIGHT_ROOM_NOTE = 'Light room: live charts are on the big screen.';

/** What the light room saves on the venue's network: bench/room-bytes.mjs, 200 phones through the
 *  demo slides in sidecar mode, 537 → 45 B per phone per second (deck states only). */
export const LIGHT_ROOM_SAVES = '537 → 45 B/s each (sidecar, 100 rps)';
