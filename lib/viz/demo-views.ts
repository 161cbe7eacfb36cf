// The demo's views a slide can embed (`data-demo="…"`), and which of them draw the per-hop
// sample and the scoreboard: the one list the dashboard renders from and the hub sends the room
// hop samples and scoreboards by.

export const DEMO_VIEWS = ['panel', 'topology', 'latency', 'waterfall', 'overhead', 'compare'] as const;
export type DemoView = (typeof DEMO_VIEWS)[number];

export const asDemoView = (v: string | undefined): DemoView => ((DEMO_VIEWS as readonly string[]).includes(v ?? '') ? (v as DemoView) : 'panel');

/** Views that draw hop samples (the topology's links carry each call's proxies' own time,
 *  lib/viz/edge-figures.ts; the waterfall; the proxies' cost): on any other slide a phone shows
 *  none, so the room is not sent them. */
export const HOP_VIEWS: readonly DemoView[] = ['topology', 'waterfall', 'overhead'];
export const drawsHops = (view: string | undefined): boolean => view !== undefined && HOP_VIEWS.includes(asDemoView(view));

/** Views that draw the scoreboard (the distribution, the waterfall's baseline, the proxies' cost,
 *  the comparison): on any other slide a phone shows none of it, so the room is not sent it. */
export const SCORE_VIEWS: readonly DemoView[] = ['latency', 'waterfall', 'overhead', 'compare'];
export const drawsScores = (view: string | undefined): boolean => view !== undefined && SCORE_VIEWS.includes(asDemoView(view));
