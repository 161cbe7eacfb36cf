'use client';
// The presenter's live panel: data plane, L7 policies and load. Every change goes to the server
// and the panel shows what the server (and so the backend) actually did.
import { useEffect, useState } from 'react';
import type { Ack } from '@/lib/contract/ack';
import { canApply } from '@/lib/mesh/backend-status';
import type { DemoState } from '@/lib/mesh/demo-state';
import { MODE_IDS, MODES, type ModeId } from '@/lib/mesh/modes';
import type { L7Policy, LoadSpec } from '@/lib/mesh/policies';
import { policyToggles } from '@/lib/mesh/policy-toggles';
import type { Scene } from '@/lib/mesh/scene';
import { BackendBadge } from './BackendBadge';
import { SwitchProgressNote } from './SwitchProgressNote';
import { EnforcementList } from './EnforcementList';
import { LiveNumbers } from './LiveNumbers';
import { PolicyDetails } from './PolicyDetails';
import { useDemo, useSend } from '../shared/channel-hooks';
import styles from './demo.module.css';

interface Props {
  demo: DemoState;
  /** The current slide's scene: the Retries and Fault toggles switch on with its values. */
  scene?: Scene | undefined;
  onMode(mode: ModeId): Promise<Ack<unknown>>;
  onPolicy(policy: L7Policy): Promise<Ack<unknown>>;
  onLoad(load: LoadSpec): Promise<Ack<unknown>>;
}

export function DemoControls({ demo, scene, onMode, onPolicy, onLoad }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rps, setRps] = useState(String(demo.load.rps));
  const [errorPercent, setErrorPercent] = useState(String(demo.load.errorPercent));
  useEffect(() => setRps(String(demo.load.rps)), [demo.load.rps]);
  useEffect(() => setErrorPercent(String(demo.load.errorPercent)), [demo.load.errorPercent]);
  const live = canApply(demo.backend);

  const run = async (action: () => Promise<Ack<unknown>>) => {
    setBusy(true);
    const result = await action();
    setBusy(false);
    setError(result.ok ? null : result.error.message);
  };
  const policy = demo.policy;
  const toggles = policyToggles(policy, scene);

  return (
    <section className={styles.panel} aria-label="Live demo controls" data-testid="demo-controls">
      <BackendBadge status={demo.backend} />
      <SwitchProgressNote progress={demo.switching} />
      {live && <LiveNumbers demo={demo} withHops />}
      <fieldset className={styles.group} disabled={!live || busy}>
        <legend>Data plane</legend>
        <div className={styles.modes} role="group">
          {MODE_IDS.map((id) => {
            const step = scene ? scene.modes.indexOf(id) : -1;
            return (
              <button
                key={id}
                type="button"
                className={styles.mode}
                aria-pressed={demo.mode === id}
                data-testid={`mode-${id}`}
                title={step >= 0 ? `${MODES[id].placement} (step ${step + 1} of this slide's scene)` : MODES[id].placement}
                onClick={() => void run(() => onMode(id))}
              >
                {MODES[id].label}
                {step >= 0 && (
                  <span className={styles.sceneStep} aria-hidden="true">
                    {step + 1}
                  </span>
                )}
              </button>
            );
          })}
        </div>
      </fieldset>
      <fieldset className={styles.group} disabled={!live || busy}>
        <legend>L7 policy</legend>
        <div className={styles.toggles}>
          {toggles.map((t) => (
            <button
              key={t.key}
              type="button"
              className={styles.toggle}
              aria-pressed={t.on}
              data-testid={`policy-${t.key}`}
              onClick={() => void run(() => onPolicy(t.next))}
            >
              {t.label}
            </button>
          ))}
        </div>
        <EnforcementList items={demo.enforcement} />
      </fieldset>
      <fieldset className={styles.group} disabled={!live || busy}>
        <legend>Load</legend>
        <form
          className={styles.load}
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => onLoad({ ...demo.load, rps: Number(rps), errorPercent: Number(errorPercent) }));
          }}
        >
          <label>
            rps <input type="number" min={0} max={5000} step={1} value={rps} onChange={(e) => setRps(e.target.value)} data-testid="load-rps" />
          </label>
          <label title="backend errors: inventory answers this share of requests with 503, a flaky backend for retries to recover">
            errors %{' '}
            <input type="number" min={0} max={100} step={1} value={errorPercent} onChange={(e) => setErrorPercent(e.target.value)} data-testid="load-errors" />
          </label>
          <span className={styles.muted}>{demo.load.payloadBytes} B payload</span>
          <button type="submit" data-testid="load-apply">
            Apply
          </button>
        </form>
      </fieldset>
      {/* Last in the panel: opened, the values push no other control down (issue 28, item 7). */}
      <fieldset className={styles.detailsGroup} disabled={!live || busy}>
        <PolicyDetails policy={policy} onApply={(next) => void run(() => onPolicy(next))} />
      </fieldset>
      {!live && <p className={styles.muted}>Controls are disabled until the backend is ready.</p>}
      {error && (
        <p className={styles.error} role="alert" data-testid="demo-error">
          {error}
        </p>
      )}
    </section>
  );
}

/** The controls wired to the talk's channel: each press is one command, its ack the button's answer. */
export function LiveDemoControls({ scene, connecting }: { scene: Scene | undefined; connecting: React.ReactNode }) {
  const demo = useDemo();
  const send = useSend();
  return demo ? (
    <DemoControls
      demo={demo}
      scene={scene}
      onMode={(mode) => send('mode:set', { mode })}
      onPolicy={(policy) => send('policy:set', policy)}
      onLoad={(load) => send('load:set', load)}
    />
  ) : (
    connecting
  );
}
