import { describe, expect, it } from 'vitest';
import { nextPresence } from './presence';

const id = (s: string) => s;

describe('nextPresence', () => {
  it('new items enter, kept ones stay, removed ones exit until their time is up', () => {
    let p = nextPresence<string>([], ['a', 'b'], id, 0, 500);
    expect(p.map((x) => [x.item, x.presence])).toEqual([
      ['a', 'enter'],
      ['b', 'enter'],
    ]);
    p = nextPresence(p, ['b', 'c'], id, 100, 500);
    expect(p.map((x) => [x.item, x.presence])).toEqual([
      ['b', 'stay'],
      ['c', 'enter'],
      ['a', 'exit'],
    ]);
    expect(p.find((x) => x.item === 'a')!.until).toBe(600);
    p = nextPresence(p, ['b', 'c'], id, 300, 500);
    expect(p.find((x) => x.item === 'a')).toMatchObject({ presence: 'exit', until: 600 });
    p = nextPresence(p, ['b', 'c'], id, 700, 500);
    expect(p.map((x) => x.item)).toEqual(['b', 'c']);
  });

  it('an item that comes back while exiting enters again', () => {
    let p = nextPresence<string>([], ['a'], id, 0, 500);
    p = nextPresence(p, [], id, 10, 500);
    p = nextPresence(p, ['a'], id, 20, 500);
    expect(p).toEqual([{ item: 'a', presence: 'enter' }]);
  });
});
