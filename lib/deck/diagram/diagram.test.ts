import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockHeight, MAX_WIDTH, type BoxShape, type FrameShape, type Layout, type LinkShape, type Rect } from './geometry';
import { parseSlide } from '../parse-markdown';
import { groupLevels } from './path-layout';
import { layoutDiagram, renderDiagram } from './render-diagram';
import { parseDiagram, type PathSpec } from './spec';
import { widestLine } from './text-metrics';

const DIR = path.join(process.cwd(), 'slides', 'diagrams');
const shipped = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ id: f.replace(/\.json$/, ''), spec: parseDiagram(readFileSync(path.join(DIR, f), 'utf8'), f) }));

const path3 = (extra: Partial<PathSpec> = {}) =>
  JSON.stringify({
    kind: 'path',
    title: 't',
    description: 'd',
    stages: [
      { id: 'a', label: 'a', kind: 'app' },
      { id: 'b', label: 'b', kind: 'l7' },
      { id: 'c', label: 'c', kind: 'app' },
    ],
    links: [{ style: 'plain' }, { style: 'mtls' }],
    groups: [],
    source: 's',
    ...extra,
  });

const boxes = (l: Layout) => l.shapes.filter((s): s is BoxShape => s.type === 'box');
const frames = (l: Layout) => l.shapes.filter((s): s is FrameShape => s.type === 'frame');
const links = (l: Layout) => l.shapes.filter((s): s is LinkShape => s.type === 'link');
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Rect, b: Rect) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w + 1e-6 && a.y + a.h <= b.y + b.h + 1e-6;

describe('diagram files', () => {
  it('the deck ships diagrams of both kinds', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(6);
    expect(new Set(shipped.map((d) => d.spec.kind))).toEqual(new Set(['path', 'stack']));
  });

  it('say clearly what is wrong with a bad file', () => {
    expect(() => parseDiagram('{', 'x.json')).toThrow(/x\.json: not JSON/);
    expect(() => parseDiagram(path3({ links: [{ style: 'plain' }] }), 'x.json')).toThrow(/3 stages need 2 links, not 1/);
    expect(() => parseDiagram(path3({ groups: [{ label: 'g', from: 'a', to: 'zz', kind: 'pod' }] }), 'x.json')).toThrow(
      /group "g" names a stage that does not exist/,
    );
    expect(() => parseDiagram(path3({ groups: [{ label: 'g', from: 'c', to: 'a', kind: 'pod' }] }), 'x.json')).toThrow(/runs backwards/);
    const crossing = [
      { label: 'p', from: 'a', to: 'b', kind: 'pod' as const },
      { label: 'q', from: 'b', to: 'c', kind: 'node' as const },
    ];
    expect(() => parseDiagram(path3({ groups: crossing }), 'x.json')).toThrow(/groups "p" and "q" cross/);
    expect(() => parseDiagram(path3({ source: '' }), 'x.json')).toThrow(/source/);
    expect(() => parseDiagram(JSON.stringify({ kind: 'pie' }), 'x.json')).toThrow(/x\.json/);
  });

  it('nest frames by level: a node around a pod is one level out', () => {
    const spec = parseDiagram(
      path3({
        groups: [
          { label: 'node', from: 'a', to: 'c', kind: 'node' },
          { label: 'pod', from: 'a', to: 'b', kind: 'pod' },
        ],
      }),
      'x.json',
    ) as PathSpec;
    expect(groupLevels(spec)).toEqual([2, 1]);
  });
});

describe.each(shipped)('diagram $id', ({ id, spec }) => {
  it.each(['wide', 'tall'] as const)('%s layout fits the slide without shrinking, and nothing collides', (variant) => {
    const l = layoutDiagram(spec, variant);
    expect(l.width).toBeLessThanOrEqual(MAX_WIDTH[variant]);
    const canvas = { x: 0, y: 0, w: l.width, h: l.height };
    // Slide pixels: 20 on the 1280 px projector slide is ~26 px full screen at 1080p; 25 on the
    // 720 px phone slide is ~10.5 px on a 390 px phone (the deck e2e measures the real ones).
    const sizes = l.shapes.flatMap((sh) => (sh.type === 'link' ? (sh.label ? [sh.label.size] : []) : [sh.label.size, ...(sh.sub ? [sh.sub.size] : [])]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(variant === 'wide' ? 19 : 25);
    const bs = boxes(l);
    for (const [i, b] of bs.entries()) {
      expect(inside(b, canvas), `${id}: box "${b.label.lines.join(' ')}" on the canvas`).toBe(true);
      for (const other of bs.slice(i + 1)) expect(overlap(b, other), `${id}: boxes overlap`).toBe(false);
      // Text (estimated, bold labels) fits the box it is written in.
      const textW = Math.max(widestLine(b.label.lines, b.label.size, true), b.sub ? widestLine(b.sub.lines, b.sub.size) : 0);
      expect(textW, `${id}: "${b.label.lines.join(' ')}" fits its box`).toBeLessThanOrEqual(b.w - 8);
      expect(blockHeight(b.label) + blockHeight(b.sub)).toBeLessThanOrEqual(b.h);
    }
    for (const f of frames(l)) {
      expect(inside(f, canvas), `${id}: frame "${f.label.lines[0]}" on the canvas`).toBe(true);
      expect(widestLine(f.label.lines, f.label.size, f.kind === 'layer') + 12, `${id}: frame label "${f.label.lines[0]}" fits`).toBeLessThanOrEqual(f.w);
    }
    for (const link of links(l)) {
      if (!link.label) continue;
      const pill = { x: link.label.cx - link.label.w / 2, y: link.label.cy - link.label.h / 2, w: link.label.w, h: link.label.h };
      for (const b of bs) expect(overlap(pill, b), `${id}: label "${link.label.lines.join(' ')}" sits on a box`).toBe(false);
      expect(widestLine(link.label.lines, link.label.size) + 8).toBeLessThanOrEqual(link.label.w);
    }
  });

  it('path links join consecutive stages and frames enclose their stages', () => {
    if (spec.kind !== 'path') return;
    for (const variant of ['wide', 'tall'] as const) {
      const l = layoutDiagram(spec, variant);
      const bs = boxes(l);
      expect(bs).toHaveLength(spec.stages.length);
      links(l).forEach((link, i) => {
        const [from, to] = [bs[i]!, bs[i + 1]!];
        // The arrow leaves one stage's box edge and ends at the next one's.
        if (variant === 'wide') expect([link.x1, link.x2]).toEqual([from.x + from.w, to.x]);
        else expect([link.y1, link.y2]).toEqual([from.y + from.h, to.y]);
      });
      spec.groups.forEach((g) => {
        const frame = frames(l).find((f) => f.label.lines[0] === g.label)!;
        const a = spec.stages.findIndex((s) => s.id === g.from);
        const b = spec.stages.findIndex((s) => s.id === g.to);
        bs.forEach((box, i) =>
          expect(inside(box, frame), `${id} ${variant}: "${g.label}" ${a <= i && i <= b ? 'holds' : 'leaves out'} stage ${i}`).toBe(a <= i && i <= b),
        );
      });
    }
  });
});

describe('rendering', () => {
  const spec = parseDiagram(
    path3({
      title: 'A <b> title',
      stages: [
        { id: 'a', label: '<script>', kind: 'app' },
        { id: 'b', label: 'b & c', kind: 'l7' },
        { id: 'c', label: 'c', kind: 'app' },
      ],
    } as Partial<PathSpec>),
    'x.json',
  );

  it('draws both layouts, labelled for screen readers, text escaped, with the source', () => {
    const html = renderDiagram('demo', spec);
    expect(html).toContain('class="diagram-wide"');
    expect(html).toContain('class="diagram-tall"');
    expect(html).toContain('role="img" aria-label="A &lt;b&gt; title. d"');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('b &amp; c');
    expect(html).not.toContain('<script>');
    expect(html).toMatch(/<figcaption class="source">s<\/figcaption>/);
  });

  it('inlines a slide placeholder, and names the slide when a diagram is missing or misspelt', () => {
    const read = (id: string) => {
      if (id === 'demo') return path3();
      throw new Error('ENOENT');
    };
    const slide = parseSlide('## x\n\n<div data-diagram="demo"></div>\n\nNote: n', 'slides/a.md slide 2', read);
    expect(slide.html).toContain('<figure class="diagram" data-diagram="demo">');
    expect(slide.html).toContain('viewBox="0 0 ');
    expect(slide.html).not.toContain('<div data-diagram');
    expect(slide.title).toBe('x');
    const inline = parseSlide('Some text <div data-diagram="demo"></div>', 'slides/a.md slide 3', read);
    expect(inline.html).toContain('<figure class="diagram" data-diagram="demo">');
    expect(() => parseSlide('<div data-diagram="nope"></div>', 'slides/a.md slide 2', read)).toThrow(/slides\/a\.md slide 2: diagram "nope" cannot be read/);
    expect(() => parseSlide('<div data-diagram="demo">x</div>', 'slides/a.md slide 2', read)).toThrow(/empty <div data-diagram="demo">/);
    expect(() => parseSlide('<div data-diagram="Bad Id"></div>', 'slides/a.md slide 2', read)).toThrow(/not a diagram id/);
    expect(() => parseSlide('<div data-diagram="demo"></div>', 'slides/a.md slide 2')).toThrow(/no diagram files given/);
  });
});
