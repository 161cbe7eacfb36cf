// Diagrams are authored as data (slides/diagrams/<id>.json) and drawn as SVG by the deck builder,
// twice: a wide layout for the 16:9 projector and a tall one for an upright phone. Two shapes:
//   path  — one request's way through stages (app, proxies, kernel), framed by pods/nodes
//   stack — layers (user space … kernel, or pod … node) with the parts that live in each
import { z } from 'zod';

export const PART_KINDS = ['app', 'l7', 'l4', 'kernel', 'plain'] as const;
export type PartKind = (typeof PART_KINDS)[number];

export const LINK_STYLES = ['plain', 'mtls', 'hbone', 'redirect', 'kernel'] as const;
export type LinkStyle = (typeof LINK_STYLES)[number];

const Text = z.string().trim().min(1).max(80);
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);

const Part = z.strictObject({ label: Text, sub: Text.optional(), kind: z.enum(PART_KINDS) });

const PathDiagram = z
  .strictObject({
    kind: z.literal('path'),
    title: Text,
    description: z.string().trim().min(1).max(400),
    stages: z
      .array(Part.extend({ id: Id }))
      .min(2)
      .max(9),
    /** Between consecutive stages: `links[i]` joins `stages[i]` and `stages[i + 1]`. */
    links: z.array(z.strictObject({ label: Text.optional(), style: z.enum(LINK_STYLES) })),
    /** Frames around consecutive stages (pods, nodes); they nest or stay apart, never cross. */
    groups: z.array(z.strictObject({ label: Text, from: Id, to: Id, kind: z.enum(['pod', 'node', 'namespace']) })).default([]),
    source: z.string().trim().min(1).max(160),
  })
  .superRefine((d, ctx) => {
    const ids = d.stages.map((s) => s.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: 'stage ids must be unique' });
    if (d.links.length !== d.stages.length - 1) {
      ctx.addIssue({ code: 'custom', message: `${d.stages.length} stages need ${d.stages.length - 1} links, not ${d.links.length}` });
    }
    const spans = d.groups.map((g) => [ids.indexOf(g.from), ids.indexOf(g.to)] as const);
    spans.forEach(([a, b], i) => {
      const g = d.groups[i]!;
      if (a < 0 || b < 0) ctx.addIssue({ code: 'custom', message: `group "${g.label}" names a stage that does not exist` });
      else if (a > b) ctx.addIssue({ code: 'custom', message: `group "${g.label}" runs backwards (${g.from} comes after ${g.to})` });
    });
    spans.forEach(([a, b], i) =>
      spans.slice(i + 1).forEach(([c, e], j) => {
        if (a === c && b === e)
          ctx.addIssue({ code: 'custom', message: `groups "${d.groups[i]!.label}" and "${d.groups[i + 1 + j]!.label}" frame the same stages` });
        const nested = (a <= c && e <= b) || (c <= a && b <= e);
        const apart = b < c || e < a;
        if (!nested && !apart) ctx.addIssue({ code: 'custom', message: `groups "${d.groups[i]!.label}" and "${d.groups[i + 1 + j]!.label}" cross` });
      }),
    );
  });

const StackDiagram = z.strictObject({
  kind: z.literal('stack'),
  title: Text,
  description: z.string().trim().min(1).max(400),
  layers: z
    .array(z.strictObject({ label: Text, sub: Text.optional(), parts: z.array(Part).min(1).max(4) }))
    .min(2)
    .max(6),
  source: z.string().trim().min(1).max(160),
});

export const DiagramSchema = z.discriminatedUnion('kind', [PathDiagram, StackDiagram]);
export type DiagramSpec = z.infer<typeof DiagramSchema>;
export type PathSpec = Extract<DiagramSpec, { kind: 'path' }>;
export type StackSpec = Extract<DiagramSpec, { kind: 'stack' }>;

/** Parses a diagram file's JSON; the error names the file and what is wrong. */
export function parseDiagram(json: string, where: string): DiagramSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new Error(`${where}: not JSON (${(err as Error).message})`, { cause: err });
  }
  const parsed = DiagramSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'diagram'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
