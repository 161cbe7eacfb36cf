// Where and with what a recording was made: the backend as it described itself, the machine,
// the versions of what ran. Shown with every replay (the "recorded" badge and its details).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BackendStatus } from '../../lib/mesh/backend-status';
import { RECORDING_FORMAT, type RecordingMeta } from '../../lib/replay/recording';

export function recordingMeta(
  root: string,
  title: string,
  status: BackendStatus,
  source: RecordingMeta['source'],
): Omit<RecordingMeta, 'durationMs' | 'recordedAt'> {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
  return {
    format: RECORDING_FORMAT,
    title,
    backend: { name: status.name, ...(status.variant ? { variant: status.variant } : {}), detail: status.detail },
    machine: {
      os: `${os.type()} ${os.arch()}`,
      kernel: os.release(),
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    versions: {
      meshstage: pkg.version,
      next: pkg.dependencies.next ?? '',
      react: pkg.dependencies.react ?? '',
      'reveal.js': pkg.dependencies['reveal.js'] ?? '',
      node: process.version,
    },
    source,
  };
}
