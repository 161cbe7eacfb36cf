// The placement calculator's inputs as the presenter set them (lib/talk/calculator-state.ts): the
// server is their one source, so the projector shows what the console typed.
import { DEFAULT_CALCULATOR, type CalculatorInputs, type CalculatorState } from '../../lib/talk/calculator-state';
import { Listeners } from './listeners';

export class Calculator {
  readonly changes = new Listeners<CalculatorState>();
  #state: CalculatorState;

  constructor(epoch: string, inputs: CalculatorInputs = DEFAULT_CALCULATOR) {
    this.#state = { epoch, rev: 0, inputs };
  }

  state(): CalculatorState {
    return this.#state;
  }

  set(inputs: CalculatorInputs): CalculatorState {
    if (JSON.stringify(inputs) === JSON.stringify(this.#state.inputs)) return this.#state;
    this.#state = { ...this.#state, rev: this.#state.rev + 1, inputs };
    this.changes.emit(this.#state);
    return this.#state;
  }
}
