// Every slide of the room's deck (no notes, no captions) as JSON, for /live and /screen after
// hydration: their first HTML carries one slide. Built once with the pages; the URL names the
// deck's version, so any other version is a 404 and a cache may keep this one.
import { audienceDeckFile } from '@/content/audience-deck';

export const dynamic = 'force-static';
export const dynamicParams = false;

export function generateStaticParams() {
  return [{ version: audienceDeckFile().version }];
}

export function GET() {
  return new Response(audienceDeckFile().json, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
