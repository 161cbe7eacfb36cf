import type { Server } from 'node:http';

export function serveStatic(root: string): Promise<{ url: string; server: Server; requests: string[] }>;
