// The kind demo's shell scripts: shellcheck-clean, a --dry-run that prints what they would run,
// and a clear list of what is missing. (No Docker engine runs here; the real-cluster suite runs
// where a kubeconfig exists.)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODE_IDS } from '../../../lib/mesh/modes';

const dir = 'backends/kind/cluster';
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
    for (const tool of ['docker', 'kind', 'kubectl', 'helm']) expect(out).toContain(`+ command -v ${tool}`);
    expect(out).toContain('kind-config.yaml');
    expect(out).toContain('values/cilium.yaml');
  });

  // A PATH with only what the script itself needs, plus `extra` fake tools.
  const fakePath = (extra: Record<string, string> = {}) => {
    const bin = mkdtempSync(path.join(tmpdir(), 'prereqs-'));
    for (const tool of ['dirname', 'head']) symlinkSync(execFileSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), path.join(bin, tool));
    for (const [tool, script] of Object.entries(extra)) writeFileSync(path.join(bin, tool), `#!/bin/bash\n${script}\n`, { mode: 0o755 });
    return bin;
  };

  it('names exactly what is missing, with the pinned versions, and fails', () => {
    const r = spawnSync('/bin/bash', [`${dir}/check-prereqs.sh`], { encoding: 'utf8', env: { PATH: fakePath() } as unknown as NodeJS.ProcessEnv });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`kind (kind ${pin('KIND_VERSION')}: https://kind.sigs.k8s.io/dl/${pin('KIND_VERSION')}/kind-linux-amd64)`);
    expect(r.stderr).toContain(`helm (Helm ${pin('HELM_VERSION')}: https://get.helm.sh/helm-${pin('HELM_VERSION')}-linux-amd64.tar.gz)`);
    expect(r.stderr.match(/^ {2}- /gm)?.length).toBe(4);
  });

  it('names a CLI of another release than the pinned one, with the fix', () => {
    const bin = fakePath({ helm: 'echo v3.19.0', kind: `echo kind ${pin('KIND_VERSION')} go1.26 linux/amd64` });
    const r = spawnSync('/bin/bash', [`${dir}/check-prereqs.sh`], { encoding: 'utf8', env: { PATH: bin } as unknown as NodeJS.ProcessEnv });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`helm: found v3.19.0, need ${pin('HELM_VERSION')} (Helm ${pin('HELM_VERSION')}: https://get.helm.sh/`);
    expect(r.stderr).not.toContain('kind:');
    expect(r.stdout).toContain(`kind      kind ${pin('KIND_VERSION')}`);
  });
});

describe('cluster.sh', () => {
  const dryRun = (action: string) => execFileSync('bash', [`${dir}/cluster.sh`, action, '--dry-run'], { encoding: 'utf8' });

  it('up --dry-run: every step, with the pinned versions, in the order the controllers need, idempotent commands only', () => {
    const out = dryRun('up');
    const commands = out.split('\n').filter((l) => l.startsWith('+ '));
    const at = (needle: string) => {
      const i = commands.findIndex((c) => c.includes(needle));
      expect(i, needle).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(out).toContain(`+ kind create cluster --name ${pin('CLUSTER_NAME')} --image ${pin('KIND_NODE_IMAGE')}`);
    // Gateway API's CRDs first: Cilium's operator looks for them once, at start.
    const crds = at(`gateway-api/releases/download/${pin('GATEWAY_API_VERSION')}/experimental-install.yaml`);
    const cilium = at('helm upgrade --install cilium cilium/cilium');
    expect(commands[cilium]).toContain(`--version ${pin('CILIUM_VERSION')} -f ${path.resolve(dir)}/values/cilium.yaml`);
    const istio = ['istio-base istio/base', 'istiod istio/istiod', 'istio-cni istio/cni', 'ztunnel istio/ztunnel'].map((c) =>
      at(`helm upgrade --install ${c} `),
    );
    expect(crds).toBeLessThan(cilium);
    expect(cilium).toBeLessThan(istio[0]!);
    expect(istio).toEqual([...istio].sort((a, b) => a - b));
    for (const i of istio) expect(commands[i]).toContain(`--version ${pin('ISTIO_VERSION')} -f ${path.resolve(dir)}/values/istio.yaml`);
    for (const mode of MODE_IDS) {
      expect(out).toContain(`apply -n meshstage-${mode} -f`);
      expect(out).toContain(`-n meshstage-${mode} rollout status`);
    }
    expect(out).toContain('annotate --overwrite -n meshstage-ebpf-l7 service catalog service.cilium.io/lb-l7=enabled');
    // Helm installs everything: no istioctl or cilium CLI of another release installs its own charts.
    expect(out).not.toMatch(/istioctl|\+ cilium /);
    // Re-running must repair, never duplicate: nothing that fails or doubles when run twice.
    for (const c of commands) expect(c, c).not.toMatch(/kubectl .* create |helm install /);
    expect(out).toMatch(/^\[ +\d+s\] /m); // progress with elapsed time
  });

  it('down and status --dry-run print what they would run; a wrong action is refused', () => {
    expect(dryRun('down')).toContain('+ kind delete cluster --name meshstage');
    expect(dryRun('status')).toContain('+ kubectl --context kind-meshstage get pods -A -o wide');
    expect(dryRun('status')).toContain('+ helm list --kube-context kind-meshstage --all-namespaces');
    expect(dryRun('status')).toContain(
      '+ docker stats --no-stream --format table {{.Name}}\\t{{.CPUPerc}}\\t{{.MemUsage}} meshstage-control-plane meshstage-worker meshstage-worker2',
    );
    expect(dryRun('status')).toContain('+ docker ps --size --filter label=io.x-k8s.kind.cluster=meshstage');
    const r = spawnSync('bash', [`${dir}/cluster.sh`, 'sideways'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage:');
  });
});
