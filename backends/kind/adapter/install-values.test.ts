// One set of install values: cluster.sh installs the released charts with exactly the values files
// and version flags the control-plane suite installs the source charts with (testing/control-planes.ts).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ciliumInstallArgs, istioInstallArgs, type ControlPlaneBuild } from './testing/control-planes';

const dryRun = (action: string) => execFileSync('bash', ['backends/kind/cluster/cluster.sh', action, '--dry-run'], { encoding: 'utf8' });

describe('cluster.sh and the control-plane suite', () => {
  it('install with the values and version flags the control-plane suite installs with (one set of install values)', () => {
    const build = { charts: { istioBase: 'B', istiod: 'D', istioCni: 'C', ztunnel: 'Z', cilium: 'X' } } as ControlPlaneBuild;
    const flags = (args: string[]) => {
      const out: string[] = [];
      for (let i = 0; i < args.length; i++) {
        if (args[i] === '-f') out.push(`-f ${path.resolve(args[++i]!)}`);
        if (args[i] === '--set' && !/^k8sService/.test(args[i + 1]!)) out.push(`--set ${args[++i]}`);
      }
      return out;
    };
    const commands = dryRun('up').split('\n');
    const script = (needle: string) =>
      flags(
        commands
          .find((c) => c.includes(needle))!
          .split(' ')
          .filter((w) => w !== '\\'),
      );
    expect(script('upgrade --install cilium ')).toEqual(flags(ciliumInstallArgs(build)));
    const tested = istioInstallArgs(build);
    for (const [i, release] of ['istio-base', 'istiod', 'istio-cni', 'ztunnel'].entries()) {
      expect(tested[i]![1]).toBe(release);
      expect(script(`upgrade --install ${release} `)).toEqual(flags(tested[i]!));
    }
  });
});
