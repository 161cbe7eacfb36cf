// Istio's and Cilium's real control planes beside the real API server: their Helm charts (from
// the same Go modules the binaries are built from) installed with helm and the values files
// cluster.sh uses, then istiod and cilium-operator started outside any pod with the command line,
// environment and configuration those charts produced, as their own ServiceAccounts. The tests
// play only what needs a node: the endpoints controller for the Services istiod serves behind.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import type { RealApiServer } from './real-apiserver';

export interface ControlPlaneBuild {
  helm: string;
  pilotDiscovery: string;
  xdsRoutes: string;
  ciliumOperator: string;
  charts: { istioBase: string; istiod: string; istioCni: string; ztunnel: string; cilium: string };
}

export const VALUES_DIR = 'backends/kind/cluster/values';

/** A pin from backends/kind/cluster/versions.env (the one source for versions). */
export function pin(name: string): string {
  const value = new RegExp(`^${name}=(.+)$`, 'm').exec(readFileSync('backends/kind/cluster/versions.env', 'utf8'))?.[1]?.trim();
  if (!value) throw new Error(`backends/kind/cluster/versions.env has no ${name}`);
  return value;
}

/** The kube-apiserver flags the control planes need: admission webhooks reach istiod through its
 *  Service's endpoints (a host address) rather than a ClusterIP no kube-proxy serves; and, as on
 *  kind (kubeadm), privileged containers allowed — Cilium's agent DaemonSet is one. */
export const CONTROL_PLANE_APISERVER_ARGS = ['--enable-aggregator-routing=true', '--allow-privileged=true'];

/** This machine's first non-loopback IPv4 address: Endpoints may not point at loopback. */
export function hostAddress(): string {
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  throw new Error("no non-loopback IPv4 address: the API server reaches istiod's webhook through an Endpoints address, which may not be loopback");
}

export class Helm {
  readonly #kubeconfig: string;
  constructor(
    private readonly bin: string,
    api: RealApiServer,
    dir: string,
  ) {
    this.#kubeconfig = api.writeKubeConfig(path.join(dir, 'helm-kubeconfig'));
  }

  run(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        this.bin,
        [...args, '--kubeconfig', this.#kubeconfig],
        { maxBuffer: 64 << 20, env: { ...process.env, HELM_CACHE_HOME: tmpdir() } },
        (error, stdout, stderr) => (error ? reject(new Error(`helm ${args.slice(0, 3).join(' ')} failed: ${stderr || error.message}`)) : resolve(stdout)),
      );
    });
  }
}

/** Istio's ambient install as cluster.sh does it (base, istiod, cni, ztunnel), from source charts. */
export function istioInstallArgs(build: ControlPlaneBuild): string[][] {
  const tag = pin('ISTIO_VERSION');
  const values = ['-f', path.join(VALUES_DIR, 'istio.yaml'), '--set', `global.tag=${tag}`, '--set', `tag=${tag}`];
  return [
    ['install', 'istio-base', build.charts.istioBase, '-n', 'istio-system', '--create-namespace', ...values],
    ['install', 'istiod', build.charts.istiod, '-n', 'istio-system', ...values],
    ['install', 'istio-cni', build.charts.istioCni, '-n', 'istio-system', ...values],
    ['install', 'ztunnel', build.charts.ztunnel, '-n', 'istio-system', ...values],
  ];
}

/** Cilium's install as cluster.sh does it (the API server here is on loopback). */
export function ciliumInstallArgs(build: ControlPlaneBuild): string[] {
  return [
    'install',
    'cilium',
    build.charts.cilium,
    '-n',
    'kube-system',
    '-f',
    path.join(VALUES_DIR, 'cilium.yaml'),
    '--set',
    'k8sServiceHost=127.0.0.1',
    '--set',
    'k8sServicePort=6443',
  ];
}

const PROCESS_PREFIX = 'meshstage-cp-';

/**
 * Ends what a crashed earlier run left: a control-plane process whose runner is gone (its folder
 * names the runner's pid and the process's, and the binary it runs — only that is killed).
 */
export function removeLeftoverProcesses(): void {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PROCESS_PREFIX))) {
    const dir = path.join(tmpdir(), name);
    const read = (f: string) => (existsSync(path.join(dir, f)) ? readFileSync(path.join(dir, f), 'utf8').trim() : '');
    const owner = Number(read('owner')) || 0;
    if (owner && existsSync(`/proc/${owner}`)) continue;
    const pid = Number(read('pid')) || 0;
    try {
      if (pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] === read('bin')) process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

interface ContainerEnv {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { fieldPath: string }; configMapKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface DeploymentSpec {
  spec: { template: { spec: { serviceAccountName: string; containers: { name: string; command?: string[]; args?: string[]; env?: ContainerEnv[] }[] } } };
}

/** One control-plane process: the container of a chart's Deployment, run here. */
export class ControlPlaneProcess {
  #child: ChildProcess | null = null;
  #log: string[] = [];
  private constructor(
    readonly name: string,
    readonly dir: string,
  ) {}

  /**
   * Reads `deployment` from the API server (as helm installed it) and runs `bin` with its first
   * container's args and literal env, the downward-API fields filled in as the kubelet would, and
   * a kubeconfig holding a bound token of the Deployment's ServiceAccount. `adjust` may change args
   * or env (each change a comment at the caller saying why).
   */
  static async start(
    api: RealApiServer,
    opts: {
      namespace: string;
      deployment: string;
      bin: string;
      adjust?: (args: string[], env: Record<string, string>, kubeconfig: string, dir: string) => { args: string[]; env: Record<string, string> };
    },
  ): Promise<ControlPlaneProcess> {
    const d = (await api.request('GET', `/apis/apps/v1/namespaces/${opts.namespace}/deployments/${opts.deployment}`)) as DeploymentSpec;
    const pod = d.spec.template.spec;
    const container = pod.containers[0]!;
    removeLeftoverProcesses();
    const dir = mkdtempSync(path.join(tmpdir(), `${PROCESS_PREFIX}${opts.deployment}-`));
    writeFileSync(path.join(dir, 'owner'), String(process.pid));
    writeFileSync(path.join(dir, 'bin'), opts.bin);
    const podName = `${opts.deployment}-meshstage-test`;
    const fields: Record<string, string> = {
      'metadata.name': podName,
      'metadata.namespace': opts.namespace,
      'spec.serviceAccountName': pod.serviceAccountName,
      'spec.nodeName': 'meshstage-test',
      'status.podIP': hostAddress(),
    };
    const env: Record<string, string> = {};
    for (const e of container.env ?? []) {
      if (e.value !== undefined) env[e.name] = e.value;
      else if (e.valueFrom?.fieldRef) env[e.name] = fields[e.valueFrom.fieldRef.fieldPath] ?? '';
      else if (e.valueFrom?.configMapKeyRef) {
        const ref = e.valueFrom.configMapKeyRef;
        const cm = (await api.request('GET', `/api/v1/namespaces/${opts.namespace}/configmaps/${ref.name}`).catch(() => null)) as {
          data?: Record<string, string>;
        } | null;
        const value = cm?.data?.[ref.key];
        if (value !== undefined) env[e.name] = value;
        else if (!ref.optional) throw new Error(`${opts.deployment}: env ${e.name} needs ${ref.name}/${ref.key}, which does not exist`);
      }
    }
    const token = await api.tokenFor(opts.namespace, pod.serviceAccountName);
    const kubeconfig = api.writeKubeConfig(path.join(dir, 'kubeconfig'), token);
    // $(NAME) in args is the container's env, as the kubelet expands it.
    let args = [...(container.command?.slice(1) ?? []), ...(container.args ?? [])].map((a) => a.replace(/\$\(([A-Z0-9_]+)\)/g, (m, n: string) => env[n] ?? m));
    let finalEnv = env;
    if (opts.adjust) ({ args, env: finalEnv } = opts.adjust(args, env, kubeconfig, dir));
    const p = new ControlPlaneProcess(opts.deployment, dir);
    const child = spawn(opts.bin, args, {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, ...finalEnv } as unknown as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (c: Buffer) => {
      p.#log.push(c.toString());
      if (p.#log.length > 400) p.#log.splice(0, p.#log.length - 400);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    if (child.pid) writeFileSync(path.join(dir, 'pid'), String(child.pid));
    child.on('error', (e) => keep(Buffer.from(`${opts.bin}: ${e.message}\n`)));
    child.on('exit', (code, signal) => keep(Buffer.from(`${path.basename(opts.bin)} exited (${signal ?? code}) with: ${args.join(' ')}\n`)));
    p.#child = child;
    return p;
  }

  get exited(): boolean {
    return !this.#child || this.#child.exitCode !== null || this.#child.signalCode !== null;
  }

  log(lines = 60): string {
    return this.#log.join('').split('\n').slice(-lines).join('\n');
  }

  /** Everything it logged (for checks on what it said it did). */
  fullLog(): string {
    return this.#log.join('');
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Plays the endpoints controller for a Service whose backend runs on this host: Endpoints and an
 * EndpointSlice carrying `address` for every port of the Service (by name, at its targetPort).
 */
export async function pointServiceAt(
  api: RealApiServer,
  namespace: string,
  service: string,
  address: string,
  targetRef?: { kind: 'Pod'; name: string; namespace: string },
): Promise<void> {
  const svc = (await api.request('GET', `/api/v1/namespaces/${namespace}/services/${service}`)) as {
    spec: { ports: { name?: string; port: number; targetPort?: number | string; protocol?: string; appProtocol?: string }[] };
  };
  const ports = svc.spec.ports.map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    port: typeof p.targetPort === 'number' ? p.targetPort : p.port,
    protocol: p.protocol ?? 'TCP',
    ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
  }));
  await api.request('POST', `/api/v1/namespaces/${namespace}/endpoints`, {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: service, namespace },
    subsets: [{ addresses: [{ ip: address, ...(targetRef ? { targetRef } : {}) }], ports }],
  });
  await api.request('POST', `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`, {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${service}-meshstage-test`,
      namespace,
      labels: { 'kubernetes.io/service-name': service, 'endpointslice.kubernetes.io/managed-by': 'meshstage-test' },
    },
    addressType: 'IPv4',
    endpoints: [{ addresses: [address], conditions: { ready: true }, ...(targetRef ? { targetRef } : {}) }],
    ports,
  });
}

/** A scratch folder for one suite run (removed by the caller). */
export function scratchDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'meshstage-control-plane-'));
}

/** Writes each key of a ConfigMap as a file (how a chart mounts it as a config directory). */
export function writeConfigDir(dir: string, data: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  for (const [k, v] of Object.entries(data)) writeFileSync(path.join(dir, k), v);
  return dir;
}
