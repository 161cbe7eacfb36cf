'use client';
// Where the proxies sit and how each call travels, drawn from the backend's topology: nodes as
// groups, pods inside, proxies as their own glyphs (sidecar hexagon in its pod, ztunnel and node
// proxy at their node, the waypoint in a slot of its own, eBPF in the node's kernel strip),
// links styled by protocol, traffic particles along the real paths. Pods never move on a mode
// switch; proxies pop in and out.
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { isL7 } from '@/lib/mesh/proxy-roles';
import { perSecond, type HopsSample, type LatencyWindow } from '@/lib/mesh/telemetry';
import type { LinkProtocol, TopologySnapshot } from '@/lib/mesh/topology';
import { KERNEL_COLOR, L4_COLOR, L7_COLOR, PROTOCOL_STYLE } from '@/lib/viz/palette';
import { edgeFigures, writtenRest, remainderLabel, windowLabel, type EdgeFigure, type EdgeFigures } from '@/lib/viz/edge-figures';
import { fitText } from '@/lib/viz/fit-text';
import { ms } from '@/lib/viz/format';
import { nextPresence, type Present } from '@/lib/viz/presence';
import { topologySummary } from '@/lib/viz/summaries';
import {
  APP_R,
  edgeLabelSlots,
  hexRadius,
  labelBoxes,
  layoutTopology,
  type EdgeLabelSlot,
  type LaidOutProxy,
  type LayoutText,
  type TopologyLayout,
} from '@/lib/viz/topology-layout';
import { ChartFrame } from './ChartFrame';
import { useChartText } from './chart-text';
import { ParticleCanvas, type Traffic } from './ParticleCanvas';
import { usePrefersReducedMotion, useSize } from './use-size';
import styles from './viz.module.css';

const EXIT_MS = 450;

interface Props {
  topology: TopologySnapshot | null;
  latency: LatencyWindow | null;
  /** The hop sample the waterfall draws (useCurrentHops): with it, every call's link carries its
   *  proxies' own time (lib/viz/edge-figures.ts); without the prop (the renderer bench), none. */
  hops?: HopsSample | null;
  /** Height budget in a wide layout (inside a slide the view must fit the slide). */
  maxHeight?: number;
  /** Errors and retries per second in the legend (a slide showing them as big figures leaves them out). */
  rates?: boolean;
  /** Where recorded data comes from, in the title's line (lib/mesh/provenance.ts); none when live. */
  tag?: string | null;
}

export function TopologyView({ topology, latency, hops, maxHeight = Infinity, rates = true, tag = null }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const { width } = useSize(box);
  const reducedMotion = usePrefersReducedMotion();
  const chartText = useChartText();
  const text = useMemo<LayoutText>(
    () => ({ node: chartText.node, label: chartText.label, glyph: chartText.glyph, labelBeside: chartText.onSlide }),
    [chartText],
  );
  const orientation = width > 0 && width < 640 ? 'tall' : 'wide';
  const wideHeight = Math.round(Math.min(maxHeight, Math.max(300, width * 0.55)));
  const layout = useMemo(
    () => (topology && width > 0 ? layoutTopology(topology, width, wideHeight, orientation, text) : null),
    [topology, width, wideHeight, orientation, text],
  );
  const height = layout?.height ?? 0;
  const kernelLabel = kernelLabelOf(topology);
  const withFigures = hops !== undefined;
  // One place per call for its figure, fixed for the layout: the label never moves as it changes.
  const slots = useMemo(() => (layout && withFigures ? edgeLabelSlots(layout, kernelLabel) : []), [layout, kernelLabel, withFigures]);
  // Particles pass under no label: not the proxies' names in their pills, not a pod's, not a figure.
  const hidden = useMemo(() => (layout ? [...labelBoxes(layout, kernelLabel), ...slots.map((s) => s.box)] : []), [layout, kernelLabel, slots]);
  const figures = withFigures ? edgeFigures(topology, hops, latency) : null;

  const current = latency && topology && latency.mode === topology.mode ? latency : null;
  const traffic = useRef<Traffic>({ rps: 0, errorRate: 0 });
  traffic.current = { rps: current?.rps ?? 0, errorRate: current && current.rps > 0 ? current.errors / (current.rps * (current.windowMs / 1000)) : 0 };

  return (
    <ChartFrame
      title="Where the proxies sit"
      tag={tag}
      summary={topologySummary(topology)}
      testId="viz-topology"
      note={
        <>
          <Legend
            topology={chartText.onSlide ? topology : null}
            errors={current ? perSecond(current).errors : 0}
            retries={current ? perSecond(current).retries : 0}
            // No window of this mode (not in the recording, or not yet measured): no rates, not zeros.
            withRates={rates && current !== null}
          />
          {withFigures && topology && (figures || current) && (
            <EdgeCaption figures={figures} short={chartText.onSlide} hopsAt={hops?.at ?? null} latencyAt={current?.at ?? null} />
          )}
        </>
      }
    >
      <div ref={box} className={styles.topology} style={{ height: height || undefined }} data-orientation={orientation}>
        {layout && topology && (
          <>
            <TopologySvg layout={layout} topology={topology} reducedMotion={reducedMotion} />
            <ParticleCanvas paths={layout.paths} hidden={hidden} width={layout.width} height={layout.height} traffic={traffic} reducedMotion={reducedMotion} />
            {figures && <EdgeLabels slots={slots} figures={figures.calls} width={layout.width} height={layout.height} />}
          </>
        )}
        {!topology && <p className={styles.empty}>Waiting for the backend’s topology…</p>}
      </div>
    </ChartFrame>
  );
}

const TopologySvg = memo(function TopologySvg({
  layout,
  topology,
  reducedMotion,
}: {
  layout: TopologyLayout;
  topology: TopologySnapshot;
  reducedMotion: boolean;
}) {
  const proxies = usePresentProxies(layout.proxies);
  const kernelOn = topology.kernelPrograms.length > 0;
  const kernelLabel = kernelLabelOf(topology);
  const t = layout.text;
  return (
    <svg
      className={styles.svg}
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-label={topologySummary(topology)}
      data-reduced-motion={reducedMotion}
    >
      {layout.nodes.map((n) => (
        <g key={n.name} data-testid={`topo-node-${n.name}`}>
          <rect x={n.x} y={n.y} width={n.w} height={n.h} rx={14} className={styles.node} />
          <text x={n.x + 12} y={n.y + t.node + 8} className={styles.nodeLabel} style={{ fontSize: t.node }}>
            {n.name}
          </text>
        </g>
      ))}
      {layout.kernel.map((k) => (
        <g key={k.node} data-testid={`topo-kernel-${k.node}`} data-active={kernelOn} data-label-inside>
          <rect
            x={k.x}
            y={k.y}
            width={k.w}
            height={k.h}
            rx={6}
            fill={kernelOn ? `${KERNEL_COLOR}33` : 'none'}
            stroke={kernelOn ? KERNEL_COLOR : '#3a4a66'}
            strokeDasharray={kernelOn ? '' : '4 4'}
          />
          <text
            x={k.x + 8}
            y={k.y + k.h / 2 + t.glyph * 0.35}
            className={styles.kernelLabel}
            style={{ fontSize: t.glyph }}
            fill={kernelOn ? KERNEL_COLOR : '#a9b6cc'}
          >
            <title>{kernelLabel}</title>
            {fitText(kernelLabel, k.w - 16, t.glyph)}
          </text>
        </g>
      ))}
      {layout.pods.map((p) => (
        <g key={p.name} data-testid={`topo-pod-${p.name}`}>
          <rect x={p.x} y={p.y} width={p.w} height={p.h} rx={10} className={styles.pod} />
          <circle cx={p.app[0]} cy={p.app[1]} r={APP_R} className={styles.app} />
          <text x={p.labelAt[0]} y={p.labelAt[1]} className={styles.podLabel} style={{ fontSize: t.label }}>
            {p.name}
          </text>
        </g>
      ))}
      {layout.paths.flatMap((path) =>
        path.segments.map((s, i) => {
          const style = PROTOCOL_STYLE[s.protocol];
          const key = `${path.from}>${path.to}#${i}`;
          return (
            <g key={key} data-testid={`topo-link-${s.protocol}`}>
              <polyline
                points={s.curve.map((p) => p.join(',')).join(' ')}
                fill="none"
                stroke={style.color}
                strokeWidth={style.width}
                strokeDasharray={style.dash}
                strokeLinecap="round"
              />
              {s.protocol === 'hbone' && <polyline points={s.curve.map((p) => p.join(',')).join(' ')} fill="none" stroke="#111826" strokeWidth={2} />}
              {(s.protocol === 'mtls' || s.protocol === 'hbone') && (
                <Lock x={s.curve[Math.floor(s.curve.length / 2)]![0]} y={s.curve[Math.floor(s.curve.length / 2)]![1]} color={style.color} />
              )}
            </g>
          );
        }),
      )}
      {proxies.map(({ item, presence }) => (
        <ProxyGlyph key={item.id} proxy={item} presence={presence} text={t} />
      ))}
    </svg>
  );
});

/** What the kernel strip says: the eBPF programs loaded, if any. */
const kernelLabelOf = (topology: TopologySnapshot | null) =>
  topology && topology.kernelPrograms.length > 0 ? `kernel · eBPF: ${topology.kernelPrograms.join(' · ')}` : 'kernel';

function usePresentProxies(proxies: LaidOutProxy[]): Present<LaidOutProxy>[] {
  const [present, setPresent] = useState<Present<LaidOutProxy>[]>(() => proxies.map((item) => ({ item, presence: 'stay' })));
  useEffect(() => {
    setPresent((prev) => nextPresence(prev, proxies, (p) => p.id, Date.now(), EXIT_MS));
    const t = setTimeout(() => setPresent((prev) => nextPresence(prev, proxies, (p) => p.id, Date.now(), EXIT_MS)), EXIT_MS + 20);
    return () => clearTimeout(t);
  }, [proxies]);
  return present;
}

function ProxyGlyph({ proxy, presence, text }: { proxy: LaidOutProxy; presence: string; text: LayoutText }) {
  const [x, y] = proxy.at;
  const r = hexRadius(text);
  const glyph = { className: styles.glyphText, style: { fontSize: text.glyph } };
  const cls = `${styles.proxy} ${presence === 'enter' ? styles.enter : presence === 'exit' ? styles.exit : ''}`;
  const common = { 'data-testid': `topo-proxy-${proxy.kind}`, 'data-presence': presence, className: cls, style: { transformOrigin: `${x}px ${y}px` } };
  if (proxy.kind === 'sidecar') {
    return (
      <g {...common}>
        <Hexagon x={x} y={y} r={r} fill={L7_COLOR} />
        <text x={x} y={y + text.glyph * 0.35} textAnchor="middle" {...glyph}>
          L7
        </text>
      </g>
    );
  }
  if (proxy.kind === 'waypoint' && proxy.box) {
    const b = proxy.box;
    return (
      <g {...common}>
        <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={10} className={styles.waypoint} />
        <text x={b.labelAt[0]} y={b.labelAt[1]} className={styles.podLabel} style={{ fontSize: text.label }}>
          waypoint
        </text>
        <Hexagon x={x} y={y} r={r} fill={L7_COLOR} />
        <text x={x} y={y + text.glyph * 0.35} textAnchor="middle" {...glyph}>
          L7
        </text>
      </g>
    );
  }
  const l7 = proxy.kind === 'node-l7';
  const label = l7 ? 'node proxy · L7' : 'ztunnel · L4';
  const pill = proxy.pill ?? { w: 124, h: 30 };
  return (
    <g {...common}>
      <rect x={x - pill.w / 2} y={y - pill.h / 2} width={pill.w} height={pill.h} rx={pill.h / 2} fill={l7 ? L7_COLOR : L4_COLOR} />
      <text x={x} y={y + text.glyph * 0.4} textAnchor="middle" {...glyph}>
        {label}
      </text>
    </g>
  );
}

function Hexagon({ x, y, r, fill }: { x: number; y: number; r: number; fill: string }) {
  const points = [...Array(6).keys()].map((i) => {
    const a = (Math.PI / 3) * i + Math.PI / 6;
    return `${x + r * Math.cos(a)},${y + r * Math.sin(a)}`;
  });
  return <polygon points={points.join(' ')} fill={fill} stroke="#111826" strokeWidth={2} />;
}

function Lock({ x, y, color }: { x: number; y: number; color: string }) {
  return (
    <g transform={`translate(${x - 6} ${y - 8})`} aria-hidden="true">
      <path d="M3 7 V4.5 a3 3 0 0 1 6 0 V7" fill="none" stroke={color} strokeWidth={2} />
      <rect x={1} y={7} width={10} height={8} rx={1.5} fill={color} />
    </g>
  );
}

const EDGE_STROKE: Record<EdgeFigure['kind'], string> = { timed: L7_COLOR, partly: L7_COLOR, untimed: '#a9b6cc', 'no-proxy': '#5b6b86' };

/** Every call's figure in its slot, over the particles (they keep out of the slots anyway). */
function EdgeLabels({ slots, figures, width, height }: { slots: EdgeLabelSlot[]; figures: EdgeFigure[]; width: number; height: number }) {
  return (
    <svg className={styles.edgeLabels} width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      {slots.map((s) => {
        const f = figures.find((c) => c.from === s.from && c.to === s.to);
        if (!f) return null;
        return (
          <g key={`${s.from}>${s.to}`} data-testid="topo-edge-figure" data-call={`${s.from}>${s.to}`} data-kind={f.kind} data-us={f.us}>
            {/* A leader from the label to the point of its link it stands beside. */}
            <line
              x1={s.anchor[0]}
              y1={s.anchor[1]}
              x2={Math.min(s.box.x + s.box.w, Math.max(s.box.x, s.anchor[0]))}
              y2={Math.min(s.box.y + s.box.h, Math.max(s.box.y, s.anchor[1]))}
              stroke={EDGE_STROKE[f.kind]}
              strokeWidth={1.5}
            />
            <circle cx={s.anchor[0]} cy={s.anchor[1]} r={3} fill={EDGE_STROKE[f.kind]} />
            <rect
              x={s.box.x}
              y={s.box.y}
              width={s.box.w}
              height={s.box.h}
              rx={s.box.h / 2}
              fill="#0b1220"
              fillOpacity={0.92}
              stroke={EDGE_STROKE[f.kind]}
              strokeWidth={1.5}
            />
            <text x={s.at[0]} y={s.at[1]} textAnchor="middle" className={styles.edgeLabel} style={{ fontSize: s.px }}>
              <tspan className={styles.edgeCall}>{s.call}</tspan> <tspan data-figure>{f.text}</tspan>
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** What the figures on the links are and how they add up to the waterfall's end-to-end median:
 *  the unit, the window, and the remainder no link carries. */
function EdgeCaption({ figures, short, hopsAt, latencyAt }: { figures: EdgeFigures | null; short: boolean; hopsAt: number | null; latencyAt: number | null }) {
  if (!figures)
    return (
      <p className={styles.edgeCaption} data-testid="topo-edge-caption">
        On each call: its proxies’ own time — waiting for per-hop timing in this mode…
      </p>
    );
  const proxied = figures.calls.some((c) => c.kind !== 'no-proxy');
  return (
    <p
      className={styles.edgeCaption}
      data-testid="topo-edge-caption"
      data-rest-us={figures.restUs}
      data-total-us={figures.totalUs}
      // Which sample and window the figures are of (e2e/edge-latency.spec.ts computes the waterfall from the same two).
      data-hops-at={hopsAt ?? undefined}
      data-latency-at={latencyAt ?? undefined}
    >
      {proxied ? (
        <>
          On each call: its proxies’ own time, p50 of {windowLabel(figures.windowMs)}
          {figures.untimed ? ' (≥: a proxy not timed)' : ''} ·{' '}
        </>
      ) : (
        <>No proxy on any call: </>
      )}
      {proxied ? '+ ' : ''}
      <span data-testid="topo-edge-rest">{writtenRest(figures)}</span> ms {remainderLabel(figures)} ={' '}
      {/* Two windows, said: the calls' figures are one stats window, the total the median since the switch. */}
      <strong data-testid="topo-edge-total">{ms(figures.totalUs)}</strong> ms end to end (p50 since the switch{short ? '' : ', as the waterfall'})
    </p>
  );
}

const PROTOCOLS: readonly LinkProtocol[] = ['http', 'mtls', 'hbone', 'tcp'];

/** Every link style and glyph; with `topology` (a slide), only those drawn now: fewer, bigger labels. */
function Legend({ topology, errors, retries, withRates }: { topology: TopologySnapshot | null; errors: number; retries: number; withRates: boolean }) {
  const drawn = topology ? new Set(topology.paths.flatMap((p) => p.hops.map((h) => h.next)).filter(Boolean)) : null;
  const protocols = drawn ? PROTOCOLS.filter((p) => drawn.has(p)) : PROTOCOLS;
  const l7 = !topology || topology.proxies.some((p) => isL7(p.kind));
  const l4 = !topology || topology.proxies.some((p) => !isL7(p.kind));
  return (
    <ul className={styles.legend} aria-label="Legend" data-legend>
      {protocols.map((p) => (
        <li key={p}>
          <svg width="34" height="10" aria-hidden="true">
            <line
              x1="2"
              y1="5"
              x2="32"
              y2="5"
              stroke={PROTOCOL_STYLE[p].color}
              strokeWidth={Math.min(6, PROTOCOL_STYLE[p].width)}
              strokeDasharray={PROTOCOL_STYLE[p].dash}
            />
          </svg>
          {PROTOCOL_STYLE[p].label}
        </li>
      ))}
      {l7 && (
        <li>
          <span className={styles.swatch} style={{ background: L7_COLOR }} /> L7 proxy (HTTP)
        </li>
      )}
      {l4 && (
        <li>
          <span className={styles.swatch} style={{ background: L4_COLOR }} /> L4 proxy
        </li>
      )}
      <li>● request · ✕ error</li>
      {withRates && (
        <li data-testid="topo-errors">
          {errors} errors/s · {retries} retries/s
        </li>
      )}
    </ul>
  );
}
