// Where the talk stands — the deck position and pacing timer, the light room, the demo's mode, policy and load —
// kept beside the audience log and read at the next start, so a restarted server puts every open
// screen back where it was instead of on slide 1 in `none`. Written on every change (write then
// rename: a crash leaves the old file or the new one, never half of one); read through its
// schema, and a file that does not parse is ignored with a warning, never fatal.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { LoadSetSchema, ModeSetSchema, PolicySchema } from '../../lib/contract/schemas';

const StageSchema = z.strictObject({
  /** The slide by id, so a deck edited between the two starts keeps the presenter on the same slide. */
  slideId: z.string().max(200),
  fragment: z.number().int().min(-1).max(1_000),
  timer: z.strictObject({ running: z.boolean(), startedAt: z.number().nullable(), accumulatedMs: z.number().min(0) }),
  /** The light room (deck:light): a venue's thin network is still thin after a restart. Absent in
   *  files written before it: off. */
  light: z.boolean().default(false),
  mode: ModeSetSchema.shape.mode,
  policy: PolicySchema,
  load: LoadSetSchema,
});
export type StageSnapshot = z.infer<typeof StageSchema>;

export class StageStore {
  constructor(
    readonly file: string,
    private readonly warn: (m: string) => void = (m) => console.error(m),
  ) {}

  read(): StageSnapshot | null {
    if (!existsSync(this.file)) return null;
    try {
      const parsed = StageSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
      this.warn(`${this.file}: not a stage snapshot (${parsed.error.issues[0]?.message}); starting from the first slide`);
    } catch (error) {
      this.warn(`${this.file}: unreadable (${(error as Error).message}); starting from the first slide`);
    }
    return null;
  }

  write(snapshot: StageSnapshot): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(snapshot));
    renameSync(tmp, this.file);
  }
}
