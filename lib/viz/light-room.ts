// The light room's words, one copy for the console, the remote and the phones (deck:light).

/** What a phone shows where a live chart would be. */
export const LIGHT_ROOM_NOTE = 'Light room: live charts are on the big screen.';

/** What the light room saves on the venue's network (bench/room-bytes.mjs measured it). */
export const LIGHT_ROOM_SAVES = 'saves most of what each phone is sent';
