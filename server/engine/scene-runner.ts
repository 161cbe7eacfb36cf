// Runs a slide's demo scene (lib/mesh/scene.ts) on the demo engine: the scene's policy, its error
// rate, then the mode of the step asked for — one presenter command for what took 7–12 console
// actions. It also acts when the deck moves: a slide whose scene says run="enter" runs it on
// arrival, and leaving a scene puts the policy and the error rate back to the defaults (a fault
// left on would colour every later chart; the next slide's own scene sets its own on D), keeping
// the mode and the rps. A scene whose policy is not yet set so always starts at its first mode.
import type { Deck } from '../../lib/deck/types';
import type { DemoState } from '../../lib/mesh/demo-state';
import { DEFAULT_POLICY } from '../../lib/mesh/policies';
import { sceneLoad, scenePolicy, type Scene } from '../../lib/mesh/scene';
import { CommandFailure } from './command-failure';
import type { DemoEngine } from './demo-engine';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class SceneRunner {
  #slide: number | null = null;

  constructor(
    private readonly deck: Deck,
    private readonly demo: DemoEngine,
    private readonly log: (message: string) => void = (m) => console.error(m),
  ) {}

  /** The scene of `slide` at `step`: its policy and load, then its step's mode. */
  async run(slide: number, step: number): Promise<DemoState> {
    const s = this.deck.slides[slide];
    if (!s) throw new CommandFailure('invalid', `There is no slide ${slide + 1}.`);
    if (!s.scene) throw new CommandFailure('invalid', `Slide ${slide + 1} ("${s.title}") has no demo scene.`);
    const mode = s.scene.modes[step];
    if (!mode) throw new CommandFailure('invalid', `The scene of slide ${slide + 1} has ${s.scene.modes.length} steps; there is no step ${step + 1}.`);
    await this.#set(s.scene);
    return this.demo.setMode(mode);
  }

  /** The deck's position changed (any deck state): acts only when the slide did. */
  moved(slide: number): void {
    const from = this.#slide;
    this.#slide = slide;
    if (from === null || from === slide) return; // the start, a fragment, the timer, blank
    const arriving = this.deck.slides[slide]?.scene;
    const leaving = this.deck.slides[from]?.scene;
    let work: Promise<unknown> | null = null;
    if (arriving?.run === 'enter') work = this.run(slide, 0);
    else if (leaving) work = this.#restore();
    work?.catch((error: unknown) => this.log(`scene on slide ${slide + 1}: ${error instanceof Error ? error.message : String(error)}`));
  }

  async #set(scene: Scene): Promise<void> {
    const state = this.demo.state();
    const policy = scenePolicy(scene);
    // Policy first: errors switched on under a retry policy never show as a burst of failures.
    if (!same(state.policy, policy)) await this.demo.setPolicy(policy);
    const load = sceneLoad(scene, state.load);
    if (!same(state.load, load)) await this.demo.setLoad(load);
  }

  async #restore(): Promise<void> {
    const state = this.demo.state();
    if (!same(state.policy, DEFAULT_POLICY)) await this.demo.setPolicy(DEFAULT_POLICY);
    if (state.load.errorPercent !== 0) await this.demo.setLoad({ ...state.load, errorPercent: 0 });
  }
}
