// The kind demo's shell scripts: shellcheck-clean, a --dry-run that prints what they would run,
// and a clear list of what is missing. (No Docker engine runs here; the real-cluster suite runs
// where a kubeconfig exists.)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODE_IDS } from '../../lib/mesh/modes';

const dir = 'demo-cluster/kind';
/** The pins, read from their one file (the scripts source it too). */
const pins = Object.fromEntries(
  readFileSync(`${dir}/versions.env`, 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => line.split('=', 2) as [string, string]),
);
const pin = (name: string): string => {
  const value = pins[name];
  if (!value) throw new Error(`versions.env has no ${name}`);
  return value;
};
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.sh'))
  .map((f) => path.join(dir, f));
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
    expect(r.stderr).toContain(`kind (kind ${pin('KIND_VERSION')})`);
    expect(r.stderr).toContain(`istioctl (istioctl ${pin('ISTIO_VERSION')})`);
    expect(r.stderr).toContain(`helm (Helm 3, to install Cilium ${pin('CILIUM_VERSION')})`);
    expect(r.stderr.match(/^ {2}- /gm)?.length).toBe(6);
  });
});

describe('cluster.sh', () => {
  const dryRun = (action: string) => execFileSync('bash', [`${dir}/cluster.sh`, action, '--dry-run'], { encoding: 'utf8' });

  it('up --dry-run: every step, with the pinned versions, idempotent commands only', () => {
    const out = dryRun('up');
    expect(out).toContain(`+ kind create cluster --name ${pin('CLUSTER_NAME')} --image ${pin('KIND_NODE_IMAGE')}`);
    expect(out).toContain('helm upgrade --install cilium cilium/cilium');
    expect(out).toContain(`--version ${pin('CILIUM_VERSION')}`);
    expect(out).toContain('--set kubeProxyReplacement=true');
    expect(out).toContain(`gateway-api/releases/download/${pin('GATEWAY_API_VERSION')}/experimental-install.yaml`);
    expect(out).toContain(`+ istioctl install --context kind-${pin('CLUSTER_NAME')} --set profile=ambient --set tag=${pin('ISTIO_VERSION')}`);
    for (const mode of MODE_IDS) {
      expect(out).toContain(`apply -n meshstage-${mode} -f`);
      expect(out).toContain(`-n meshstage-${mode} rollout status`);
    }
    expect(out).toContain('annotate --overwrite -n meshstage-ebpf-l7 service catalog service.cilium.io/lb-l7=enabled');
    // Re-running must repair, never duplicate: nothing that fails or doubles when run twice.
    const commands = out.split('\n').filter((l) => l.startsWith('+ '));
    for (const c of commands) expect(c, c).not.toMatch(/kubectl .* create |helm install /);
    expect(out).toMatch(/^\[ +\d+s\] /m); // progress with elapsed time
  });

  it('down and status --dry-run print what they would run; a wrong action is refused', () => {
    expect(dryRun('down')).toContain('+ kind delete cluster --name meshstage');
    expect(dryRun('status')).toContain('+ kubectl --context kind-meshstage get pods -A -o wide');
    expect(dryRun('status')).toContain(
      '+ docker stats --no-stream --format table {{.Name}}\\t{{.CPUPerc}}\\t{{.MemUsage}} meshstage-control-plane meshstage-worker meshstage-worker2',
    );
    expect(dryRun('status')).toContain('+ docker ps --size --filter label=io.x-k8s.kind.cluster=meshstage');
    const r = spawnSync('bash', [`${dir}/cluster.sh`, 'sideways'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage:');
  });
});
