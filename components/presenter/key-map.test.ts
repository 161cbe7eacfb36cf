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

  it('runs the slide’s scene with D and picks a data plane with M then 1–6', () => {
    expect(run(['d']).actions).toEqual([{ type: 'scene' }]);
    expect(run(['m', '3']).actions).toEqual([{ type: 'typing' }, { type: 'mode', index: 2 }]);
    expect(run(['M', '6']).actions.at(-1)).toEqual({ type: 'mode', index: 5 });
    expect(run(['m', 'Escape', '3']).actions.at(-1)).toEqual({ type: 'typing' }); // Esc dropped the M: 3 starts a slide number
    expect(run(['m', 'ArrowRight']).actions.at(-1)).toEqual({ type: 'step', direction: 'next' }); // the clicker still steps
    expect(run(['m', '9']).typed).toBe('9'); // no mode 9: a slide number starts
    expect(run(['1', 'm']).actions.at(-1)).toBeNull(); // M while typing a number: ignored, the number kept
  });
});
