import { describe, expect, it } from 'vitest';
import { chooseTier, type HostProbe } from './preflight';

const host = (patch: Partial<HostProbe> = {}): HostProbe => ({
  platform: 'linux',
  uid: 0,
  missing: async () => [],
  netnsError: async () => null,
  cgroupV2Writable: async () => true,
  ...patch,
});

describe('chooseTier', () => {
  it('takes the netns tier with eBPF on Linux as root with every tool', async () => {
    expect(await chooseTier('auto', host())).toMatchObject({ tier: 'netns', ebpf: { available: true } });
  });

  it('falls back to loopback, saying why, when the netns tier cannot run', async () => {
    expect(await chooseTier('auto', host({ platform: 'darwin' }))).toMatchObject({
      tier: 'loopback',
      reason: expect.stringMatching(/need Linux \(this is darwin\)/),
    });
    expect(await chooseTier('auto', host({ uid: 501 }))).toMatchObject({ tier: 'loopback', reason: expect.stringMatching(/need root/) });
    const noTools = await chooseTier('auto', host({ missing: async (t) => t.filter((x) => x === 'iptables' || x === 'nsenter') }));
    expect(noTools).toMatchObject({ tier: 'loopback', reason: 'missing iptables, nsenter (Debian: apt-get install iproute2 iptables util-linux)' });
    expect(noTools.ebpf.reason).toMatch(/no eBPF programs are loaded/);
    expect(await chooseTier('auto', host({ netnsError: async () => 'Operation not permitted' }))).toMatchObject({
      tier: 'loopback',
      reason: expect.stringMatching(/Operation not permitted/),
    });
  });

  it('keeps the netns tier without eBPF when only the eBPF tools or cgroup v2 are missing', async () => {
    const noClang = await chooseTier('auto', host({ missing: async (t) => t.filter((x) => x === 'clang') }));
    expect(noClang).toMatchObject({ tier: 'netns', ebpf: { available: false, reason: expect.stringMatching(/missing clang/) } });
    const noCgroup = await chooseTier('auto', host({ cgroupV2Writable: async () => false }));
    expect(noCgroup.ebpf).toMatchObject({ available: false, reason: expect.stringMatching(/cgroup v2/) });
  });

  it('honours an explicit request: loopback always works, netns refuses loudly where it cannot run', async () => {
    expect(await chooseTier('loopback', host())).toMatchObject({ tier: 'loopback' });
    await expect(chooseTier('netns', host({ uid: 1000 }))).rejects.toThrow(/the netns tier cannot run here: .*root/);
  });
});
