import { buildDeck } from '../deck/build-deck';
import type { Deck } from '../deck/types';

/** Three slides: the second has two fragments. Small enough to reason about in tests. */
export function testDeck(): Deck {
  return buildDeck(
    {
      title: 'Test talk',
      minutes: 10,
      sections: [
        { file: 'a.md', title: 'A', minutes: 4 },
        { file: 'b.md', title: 'B', minutes: 6 },
      ],
    },
    (file) =>
      file === 'a.md'
        ? '# One\n\nCaption: what a viewer reads\n\nNote: first\n\n---\n\n## Two\n\n- x <!-- .element: class="fragment" -->\n- y <!-- .element: class="fragment" -->'
        : '<!-- .slide: data-demo="panel" -->\n## Three',
  );
}

/** The test deck plus two poll slides: a prediction (modes) and an opinion poll. */
export function testDeckWithPolls(): Deck {
  return buildDeck({ title: 'Poll talk', minutes: 10, sections: [{ file: 'p.md', title: 'P', minutes: 10 }] }, () =>
    [
      '## Predict\n\n<!-- .poll: id="lowest-p99" question="Lowest p99?" predicts="lowest-p99" options="sidecar|ambient|ebpf" -->',
      '## You\n\n<!-- .poll: id="in-prod" question="Mesh in production?" options="yes=Yes|no=No" -->',
    ].join('\n\n---\n\n'),
  );
}

/** The poll deck plus a numeric poll: guess the sidecar's added p99 (ms, log scale, 0.1–100). */
export function testDeckWithNumericPoll(): Deck {
  return buildDeck({ title: 'Poll talk', minutes: 10, sections: [{ file: 'p.md', title: 'P', minutes: 10 }] }, () =>
    [
      '## You\n\n<!-- .poll: id="in-prod" question="Mesh in production?" options="yes=Yes|no=No" -->',
      '## Guess\n\n<!-- .poll: id="sidecar-p99" question="Added p99?" kind="number" unit="ms" min="0.1" max="100" scale="log" measures="added-p99:sidecar" -->',
    ].join('\n\n---\n\n'),
  );
}
