// Compiles the SO_ORIGINAL_DST addon against this Node's headers (≈ 0.2 s with gcc), once per
// Node version, into a temp folder every lab process (including UID 1337 sidecars) can read.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from './run';

export async function buildOriginalDstAddon(source: string): Promise<string> {
  const code = readFileSync(source);
  const key = createHash('sha256').update(code).update(process.version).digest('hex').slice(0, 16);
  const dir = path.join(tmpdir(), `meshstage-native-${key}`);
  const out = path.join(dir, 'origdst.node');
  if (existsSync(out)) return out;
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const headers = path.join(path.dirname(process.execPath), '..', 'include', 'node');
  const include = existsSync(headers) ? headers : '/usr/include/node';
  await run(['gcc', '-shared', '-fPIC', '-O2', `-I${include}`, source, '-o', out]);
  return out;
}
