// Entry point of the lab controller process (started by backends/lab/lab-backend.ts). Starts the lab,
// carries out commands, forwards events; exits — taking every lab process with it — when the
// web server goes away.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabCommand, LabCommandResults, LabMessage, LabStartOptions } from './controller-protocol';
import { LabController } from './lab-controller';

const send = (m: LabMessage) => {
  if (process.connected) process.send?.(m, undefined, {}, () => undefined);
};
const options = JSON.parse(process.argv[2] ?? '{}') as LabStartOptions;
const bundleDir = path.dirname(fileURLToPath(import.meta.url));
let lab: LabController | null = null;

async function main(): Promise<void> {
  lab = await LabController.start({
    bundleDir,
    windowMs: options.windowMs,
    load: options.load,
    cpu: options.cpu,
    tier: options.tier,
    onEvent: (event) => send({ t: 'event', event }),
  });
  await lab.setPolicy(options.policy);
  const d = lab.tierDecision;
  const detail =
    d.tier === 'netns'
      ? `Netns tier: pods and nodes are network namespaces; sidecars are captured with iptables REDIRECT (UID 1337 excluded), ambient traffic at the node. ${d.ebpf.available ? 'eBPF programs load for the eBPF modes.' : `No eBPF: ${d.ebpf.reason}.`}`
      : `Loopback tier (${d.reason}): workloads and proxies are separate processes on 127.0.0.1, chained explicitly. No network namespaces, iptables capture or eBPF programs, so the eBPF modes take the plain kernel path.`;
  send({ t: 'started', tier: lab.tier, detail, plan: lab.plan, kernelPrograms: [] });
}

/** Each command's runner, typed by the protocol: its reply is LabCommandResults[cmd]. */
const RUN: { [C in LabCommand['cmd']]: (lab: LabController, command: Extract<LabCommand, { cmd: C }>) => Promise<LabCommandResults[C]> } = {
  mode: (lab, c) => lab.setMode(c.mode, c.policy),
  policy: (lab, c) => lab.setPolicy(c.policy),
  load: async (lab, c) => {
    await lab.setLoad(c.load);
    return null;
  },
  stop: async () => {
    await shutdown(0);
    return null;
  },
};

function run<C extends LabCommand['cmd']>(command: Extract<LabCommand, { cmd: C }>): Promise<LabCommandResults[C]> {
  if (!lab) return Promise.reject(new Error('the lab is not running'));
  return (RUN[command.cmd] as (lab: LabController, c: Extract<LabCommand, { cmd: C }>) => Promise<LabCommandResults[C]>)(lab, command);
}

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await lab?.stop().catch(() => undefined);
  process.exit(code);
}

process.on('message', (command: LabCommand) => {
  void run(command).then(
    (result) => send({ t: 'reply', id: command.id, ok: true, result }),
    (error: unknown) => send({ t: 'reply', id: command.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.on('disconnect', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));

main().catch((error: unknown) => {
  send({ t: 'failed', error: error instanceof Error ? error.message : String(error) });
  void shutdown(1);
});
