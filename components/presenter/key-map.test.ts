import { describe, expect, it } from 'vitest';
import { KEY_HELP, keyAction, overviewRows, typedHint, type KeyAction, type KeyMode } from './key-map';

const run = (keys: string[], mode?: KeyMode) => {
  let typed = '';
  const actions: (KeyAction | null)[] = [];
  for (const key of keys) {
    const r = keyAction(key, typed, mode);
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

  it('scrolls the notes with J and K, keeping a number being typed', () => {
    expect(run(['j', 'J', 'k', 'K']).actions).toEqual([
      { type: 'notes', direction: 'down' },
      { type: 'notes', direction: 'down' },
      { type: 'notes', direction: 'up' },
      { type: 'notes', direction: 'up' },
    ]);
    const typing = run(['2', 'j', '5']);
    expect(typing.typed).toBe('25');
    expect(run(['2', 'j', '5', 'Enter']).actions.at(-1)).toEqual({ type: 'goto', slide: 24 });
  });

  it('lists every key it acts on in the help, and no key it acts on is listed twice', () => {
    const listed = KEY_HELP.map(([keys]) => keys).join(' ');
    for (const key of ['→', '←', 'Space', 'PageDown', 'PageUp', 'Enter', 'D', 'M', 'J', 'K', 'B', 'O', 'S', 'F', '?', 'Esc']) expect(listed).toContain(key);
    // J and K are free of every other key's meaning in the deck.
    for (const key of ['j', 'k']) expect(run([key]).actions[0]?.type).toBe('notes');
  });
});

describe('an open overlay owns the keys', () => {
  it('the help passes no key to the deck: ? or Esc closes it', () => {
    const help: KeyMode = { kind: 'help' };
    for (const key of ['ArrowRight', 'ArrowLeft', ' ', 'PageDown', 'n', 'b', '.', 'd', 's', 'f', 'o', 'j', 'Enter']) {
      expect(keyAction(key, '', help).action, key).toBeNull();
    }
    expect(run(['m', '3'], help).actions).toEqual([null, null]); // no data plane switch behind the help
    expect(run(['2', '5', 'Enter'], help)).toEqual({ actions: [null, null, null], typed: '' }); // nor a slide number
    expect(keyAction('?', '', help).action).toEqual({ type: 'help' });
    expect(keyAction('Escape', '', help).action).toEqual({ type: 'cancel' });
  });

  // Three sections: slides 0–4 (5), 5–6 (2), 7–12 (6), four tiles to a row:
  //   0 1 2 3 / 4 / 5 6 / 7 8 9 10 / 11 12
  const rows = overviewRows(
    [
      { firstSlide: 0, slideCount: 5 },
      { firstSlide: 5, slideCount: 2 },
      { firstSlide: 7, slideCount: 6 },
    ],
    4,
  );
  const at = (cursor: number): KeyMode => ({ kind: 'overview', cursor, rows });
  const move = (cursor: number, key: string) => {
    const action = keyAction(key, '', at(cursor)).action;
    return action?.type === 'cursor' ? action.slide : action;
  };

  it('lays the overview out as the screen does: each section starts a row', () => {
    expect(rows).toEqual([[0, 1, 2, 3], [4], [5, 6], [7, 8, 9, 10], [11, 12]]);
    expect(overviewRows([{ firstSlide: 0, slideCount: 3 }], 0)).toEqual([[0], [1], [2]]); // a column at least
  });

  it('the arrows walk the overview’s grid, in reading order across and by column up and down', () => {
    expect(move(2, 'ArrowRight')).toBe(3);
    expect(move(3, 'ArrowRight')).toBe(4); // the end of a row: on to the next
    expect(move(12, 'ArrowRight')).toBe(12); // the last slide stays
    expect(move(5, 'ArrowLeft')).toBe(4);
    expect(move(0, 'ArrowLeft')).toBe(0);
    expect(move(1, 'ArrowDown')).toBe(4); // a shorter row: its last tile
    expect(move(4, 'ArrowDown')).toBe(5);
    expect(move(6, 'ArrowDown')).toBe(8); // same column
    expect(move(10, 'ArrowDown')).toBe(12);
    expect(move(11, 'ArrowDown')).toBe(11); // the last row stays
    expect(move(9, 'ArrowUp')).toBe(6);
    expect(move(2, 'ArrowUp')).toBe(2); // the first row stays
    expect(move(7, 'Home')).toBe(0);
    expect(move(7, 'End')).toBe(12);
    expect(move(99, 'ArrowDown')).toBe(0); // a cursor off the grid comes back to its start
  });

  it('Enter goes to the cursor’s slide; Esc or O closes; no deck key moves the deck behind it', () => {
    expect(keyAction('Enter', '', at(9)).action).toEqual({ type: 'goto', slide: 9 });
    expect(keyAction('Escape', '', at(9)).action).toEqual({ type: 'cancel' });
    expect(keyAction('o', '', at(9)).action).toEqual({ type: 'overview' });
    const walked = run(['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'PageDown', ' ', 'n', 'p', 'b', 'd', 'm', '3', '2', 'j'], at(4)).actions;
    expect(walked.filter((a) => a !== null && a.type !== 'cursor')).toEqual([]);
  });
});

describe('what is typed shows before its Enter', () => {
  const slides = Array.from({ length: 39 }, (_, i) => ({ title: i === 24 ? 'Waypoints' : '' }));
  it('names the slide a typed number goes to, or says there is none', () => {
    expect(typedHint('', slides)).toBeNull();
    expect(typedHint('25', slides)).toEqual({ text: 'Go to 25 ↵ Waypoints', valid: true });
    expect(typedHint('3', slides)).toEqual({ text: 'Go to 3 ↵', valid: true });
    expect(typedHint('40', slides)).toEqual({ text: 'No slide 40 (1–39)', valid: false });
    expect(typedHint('0', slides)?.valid).toBe(false);
  });
  it('says what M waits for', () => {
    expect(typedHint(run(['m']).typed, slides)).toEqual({ text: 'M… (1–6: data plane)', valid: true });
  });
});
