// SO_ORIGINAL_DST for an accepted socket, through the small native addon the lab compiles at
// start (netns tier only; the loopback tier routes by listener and never calls this).
import { createRequire } from 'node:module';
import type net from 'node:net';

type Addon = { getOriginalDst(fd: number): { address: string; port: number } };
let addon: Addon | null = null;

export function originalDst(socket: net.Socket): string {
  if (!addon) {
    const path = process.env.MESHSTAGE_ORIGDST_ADDON;
    if (!path) throw new Error('MESHSTAGE_ORIGDST_ADDON is not set: original destinations need the netns tier');
    addon = createRequire(import.meta.url)(path) as Addon;
  }
  const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (fd === undefined || fd < 0) throw new Error('socket has no file descriptor');
  const dst = addon.getOriginalDst(fd);
  return `${dst.address}:${dst.port}`;
}
