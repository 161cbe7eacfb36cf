// Watches what the topology is drawn from — pods, namespaces, nodes, Gateways — with
// @kubernetes/client-node informers (list, then watch from the list's resourceVersion; the
// client itself re-watches after a dropped connection and relists after 410 Gone). An informer
// that fails is restarted with exponential backoff, and the health callback says so at once.
import * as k8s from '@kubernetes/client-node';
import type { ClusterObjects } from './kube-objects';
import { coalesce, type Coalescer } from '../../../lib/async/async-helpers';

export interface WatcherHealth {
  ok: boolean;
  detail: string;
}

export interface ClusterWatcherOptions {
  onChange(objects: ClusterObjects): void;
  onHealth(health: WatcherHealth): void;
  /** Coalesces bursts of events into one change (ms). */
  debounceMs?: number;
  backoff?: { initialMs: number; maxMs: number };
}

type Name = keyof ClusterObjects;

export class ClusterWatcher {
  #informers = new Map<Name, k8s.Informer<k8s.KubernetesObject> & k8s.ObjectCache<k8s.KubernetesObject>>();
  #failing = new Map<Name, string>();
  /** Errors each informer has reported, to tell a start that got through from one that did not. */
  #errors = new Map<Name, number>();
  #delays = new Map<Name, number>();
  #timers = new Set<NodeJS.Timeout>();
  #debounce: Coalescer;
  #stopped = false;

  constructor(
    private readonly kc: k8s.KubeConfig,
    private readonly options: ClusterWatcherOptions,
  ) {
    this.#debounce = coalesce(() => this.#emitNow(), options.debounceMs ?? 100);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    this.#add('pods', '/api/v1/pods', () => core.listPodForAllNamespaces());
    this.#add('namespaces', '/api/v1/namespaces', () => core.listNamespace());
    this.#add('nodes', '/api/v1/nodes', () => core.listNode());
    this.#add(
      'gateways',
      '/apis/gateway.networking.k8s.io/v1/gateways',
      () =>
        custom.listClusterCustomObject({ group: 'gateway.networking.k8s.io', version: 'v1', plural: 'gateways' }) as Promise<
          k8s.KubernetesListObject<k8s.KubernetesObject>
        >,
    );
  }

  /** Lists everything once and starts watching; rejects if the first list fails (the watcher keeps retrying). */
  async start(): Promise<void> {
    const results = await Promise.allSettled([...this.#informers].map(([name, informer]) => this.#startOne(name, informer)));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    this.#emitNow();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#debounce.cancel();
    await Promise.all([...this.#informers.values()].map((i) => i.stop()));
  }

  snapshot(): ClusterObjects {
    const list = (name: Name) => (this.#informers.get(name)?.list() ?? []) as never[];
    return { pods: list('pods'), namespaces: list('namespaces'), nodes: list('nodes'), gateways: list('gateways') };
  }

  #add(name: Name, path: string, list: k8s.ListPromise<k8s.KubernetesObject>): void {
    const informer = k8s.makeInformer(this.kc, path, list);
    const changed = () => this.#changed();
    informer.on('add', changed);
    informer.on('update', changed);
    informer.on('delete', changed);
    // Not 'connect': the informer says that before it lists, so it fires on every failing retry
    // too. A start that got through (below) is what makes an informer healthy.
    informer.on('error', (err: unknown) => {
      this.#errors.set(name, (this.#errors.get(name) ?? 0) + 1);
      this.#failed(name, informer, err);
    });
    this.#informers.set(name, informer);
  }

  async #startOne(name: Name, informer: k8s.Informer<k8s.KubernetesObject>): Promise<void> {
    if (!(await this.#attempt(name, informer))) throw new Error(`the cluster is unreachable (${name}: ${this.#failing.get(name) ?? 'no answer'})`);
  }

  /**
   * One start of an informer; true if it listed and is watching. client-node's informer reports
   * a failed list through its 'error' event and still resolves `start()` (a refused watch
   * rejects it), so success is a start during which no error was reported.
   */
  async #attempt(name: Name, informer: k8s.Informer<k8s.KubernetesObject>): Promise<boolean> {
    const errorsBefore = this.#errors.get(name) ?? 0;
    try {
      await informer.start();
    } catch (error) {
      // Reported once: an error event during this start has already scheduled the retry.
      if ((this.#errors.get(name) ?? 0) === errorsBefore) this.#failed(name, informer, error);
      return false;
    }
    if ((this.#errors.get(name) ?? 0) !== errorsBefore) return false;
    this.#healthy(name);
    return true;
  }

  #healthy(name: Name): void {
    this.#delays.delete(name);
    if (!this.#failing.delete(name)) return;
    if (this.#failing.size === 0) {
      this.options.onHealth({ ok: true, detail: 'watching the cluster' });
      this.#emitNow(); // whatever changed while it was away
    }
  }

  #failed(name: Name, informer: k8s.Informer<k8s.KubernetesObject>, error: unknown): void {
    if (this.#stopped) return;
    const message = error instanceof Error ? error.message : String((error as { message?: string })?.message ?? error);
    this.#failing.set(name, message);
    this.options.onHealth({ ok: false, detail: `the cluster is unreachable (${name}: ${message}); retrying` });
    const { initialMs, maxMs } = this.options.backoff ?? { initialMs: 500, maxMs: 10_000 };
    const delay = this.#delays.get(name) ?? initialMs;
    this.#delays.set(name, Math.min(maxMs, delay * 2));
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#stopped) void this.#attempt(name, informer);
    }, delay);
    this.#timers.add(timer);
  }

  #changed(): void {
    this.#debounce.schedule();
  }

  #emitNow(): void {
    if (!this.#stopped) this.options.onChange(this.snapshot());
  }
}
