'use client';
// The current slide's demo scene on the console: what it sets, the modes it walks with the one
// running now marked, and one button (or D) for the next step — the slide's whole demo routine.
import type { Slide } from '@/lib/deck/types';
import { MODES } from '@/lib/mesh/modes';
import { describeScene, nextSceneStep, sceneStep } from '@/lib/mesh/scene';
import { useDemo } from '../shared/channel-hooks';
import styles from './presenter.module.css';

export function SceneBar({ slide, onRun }: { slide: Slide; onRun: () => void }) {
  const demo = useDemo();
  const scene = slide.scene!;
  const at = demo ? sceneStep(scene, demo) : null;
  const next = demo ? nextSceneStep(scene, demo) : 0;
  const label =
    at === null ? `Run the scene: ${MODES[scene.modes[0]!].label}` : next === 0 ? 'Run the scene again' : `Next: ${MODES[scene.modes[next]!].label}`;
  return (
    <section className={styles.scene} aria-label="This slide's demo scene" data-testid="scene-bar" data-step={at ?? ''}>
      <p className={styles.sceneWhat}>
        <strong>Scene</strong> {describeScene(scene)}
        {scene.run === 'enter' ? ' · runs on arriving' : ''}
      </p>
      <ol className={styles.sceneModes}>
        {scene.modes.map((mode, i) => (
          <li key={mode} aria-current={at === i ? 'step' : undefined}>
            {MODES[mode].label}
          </li>
        ))}
      </ol>
      <button type="button" className={styles.sceneRun} onClick={onRun} data-testid="scene-run" title="D">
        ▶ {label} <kbd>D</kbd>
      </button>
    </section>
  );
}
