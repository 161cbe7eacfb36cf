import { describe, expect, it } from 'vitest';
import { keyAction } from './key-map';

const run = (keys: string[]) => {
  let typed = '';
  const actions = [];
  for (const key of keys) {
    const r = keyAction(key, typed);
    typed = r.typed;
    actions.push(r.action);
  }
  return { actions, typed };
};

describe('the console keys', () => {
  it('steps with the arrows, Space and a clicker’s PageUp/PageDown', () => {
    expect(run(['ArrowRight', ' ', 'PageDown', 'ArrowLeft', 'PageUp']).actions.map((a) => a?.type === 'step' && a.direction)).toEqual([
      'next',
      'next',
      'next',
      'prev',
      'prev',
    ]);
  });

  it('goes to a typed slide number on Enter (1-based on the keys, 0-based in the state)', () => {
    expect(run(['1', '2', 'Enter']).actions.at(-1)).toEqual({ type: 'goto', slide: 11 });
    expect(run(['3', 'Escape', 'Enter']).actions.at(-1)).toBeNull(); // Esc forgot the number: Enter alone does nothing
    expect(run(['1', '2', '3', '4']).typed).toBe('123'); // no slide 1234
  });

  it('blacks out with B or ., opens the screen with S, full screen with F, help with ?', () => {
    expect(run(['b', '.', 's', 'F', '?', 'o']).actions.map((a) => a?.type)).toEqual(['blank', 'blank', 'screen', 'fullscreen', 'help', 'overview']);
    expect(run(['x']).actions).toEqual([null]);
  });
});
