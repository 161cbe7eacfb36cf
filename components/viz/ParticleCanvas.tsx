'use client';
// Traffic particles on a canvas over the topology SVG: one draw call per particle per frame and
// no React work per frame (rates arrive through a ref). Positions come from lib/viz/particles;
// none is drawn over a label (`hidden`: the canvas lies over the SVG's text).
import { memo, useEffect, useRef } from 'react';
import { ERROR_COLOR } from '@/lib/viz/palette';
import { clearOf, particlesAt, track } from '@/lib/viz/particles';
import type { Box, LaidOutPath } from '@/lib/viz/topology-layout';

export interface Traffic {
  rps: number;
  errorRate: number;
}

interface Props {
  paths: LaidOutPath[];
  /** Where text is written (topology-layout's labelBoxes): no particle is drawn there. */
  hidden: readonly Box[];
  width: number;
  height: number;
  traffic: { current: Traffic };
  reducedMotion: boolean;
}

// Memoised: the topology re-renders for each latency window, but the rates reach the canvas
// through `traffic` (a ref), so with the same paths and size there is nothing to render again.
export const ParticleCanvas = memo(function ParticleCanvas({ paths, hidden, width, height, traffic, reducedMotion }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const tracks = paths.map((p) => track(p.points));
    let frame = 0;
    const draw = (now: number) => {
      ctx.clearRect(0, 0, width, height);
      // Reduced motion: particles stand still (density still shows the rate).
      const particles = clearOf(particlesAt(tracks, reducedMotion ? 0 : now, traffic.current), hidden);
      for (const p of particles) {
        if (p.error) {
          ctx.strokeStyle = ERROR_COLOR;
          ctx.lineWidth = 2.5;
          ctx.beginPath();
          ctx.moveTo(p.x - 5, p.y - 5);
          ctx.lineTo(p.x + 5, p.y + 5);
          ctx.moveTo(p.x + 5, p.y - 5);
          ctx.lineTo(p.x - 5, p.y + 5);
          ctx.stroke();
        } else {
          ctx.fillStyle = '#ffffff';
          ctx.beginPath();
          ctx.arc(p.x, p.y, 4, 0, Math.PI * 2);
          ctx.fill();
        }
      }
      if (!reducedMotion) frame = requestAnimationFrame(draw);
    };
    frame = requestAnimationFrame(draw);
    // Redraw still particles when the rate changes, without animating.
    const still = reducedMotion ? setInterval(() => draw(performance.now()), 1000) : null;
    return () => {
      cancelAnimationFrame(frame);
      if (still) clearInterval(still);
    };
  }, [paths, hidden, width, height, traffic, reducedMotion]);
  return <canvas ref={ref} style={{ position: 'absolute', inset: 0, width, height, pointerEvents: 'none' }} aria-hidden="true" />;
});
