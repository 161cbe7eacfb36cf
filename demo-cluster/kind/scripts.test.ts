// The kind demo's shell scripts: shellcheck-clean, a --dry-run that prints what they would run,
// and a clear list of what is missing. (No Docker engine runs here; the real-cluster suite runs
// where a kubeconfig exists.)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = 'demo-cluster/kind';
const scripts = readdirSync(dir).filter((f) => f.endsWith('.sh')).map((f) => path.join(dir, f));
const shellcheck = spawnSync('shellcheck', ['--version']).status === 0;
if (!shellcheck) console.warn('shellcheck tests skipped: shellcheck is not installed (apt-get install shellcheck; CI installs it)');

describe.skipIf(!shellcheck)('shellcheck', () => {
  it.each(scripts)('%s passes shellcheck', (script) => {
    const r = spawnSync('shellcheck', ['-x', script], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('check-prereqs.sh', () => {
  it('--dry-run prints every check it would make and runs none', () => {
    const out = execFileSync('bash', [`${dir}/check-prereqs.sh`, '--dry-run'], { encoding: 'utf8' });
    for (const tool of ['docker', 'kind', 'kubectl', 'helm', 'istioctl', 'cilium']) expect(out).toContain(`+ command -v ${tool}`);
    expect(out).toContain('kind-config.yaml');
  });

  it('names exactly what is missing, with the pinned versions, and fails', () => {
    // A PATH with only what the script itself needs: none of the cluster tools.
    const bin = mkdtempSync(path.join(tmpdir(), 'prereqs-'));
    for (const tool of ['dirname', 'head']) symlinkSync(execFileSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), path.join(bin, tool));
    const r = spawnSync('/bin/bash', [`${dir}/check-prereqs.sh`], { encoding: 'utf8', env: { PATH: bin } as unknown as NodeJS.ProcessEnv });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('kind (kind v0.33.0)');
    expect(r.stderr).toContain('istioctl (istioctl 1.31.0)');
    expect(r.stderr).toContain('helm (Helm 3, to install Cilium 1.20.5)');
    expect(r.stderr.match(/^ {2}- /gm)?.length).toBe(6);
  });
});
