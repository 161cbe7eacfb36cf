'use client';
// What the presenter's keys do to the talk, from either window that holds the token: the console
// and the projector (a clicker's keys land wherever focus is). The server decides; this only
// sends. Window-only actions (help, overview, opening the screen, full screen) stay with each view.
import { useCallback } from 'react';
import { fail, type Ack } from '@/lib/contract/ack';
import type { Deck } from '@/lib/deck/types';
import { MODE_IDS } from '@/lib/mesh/modes';
import { nextSceneStep } from '@/lib/mesh/scene';
import { useDeckStep, useReadNow, useSend } from '../shared/channel-hooks';
import type { KeyAction } from './key-map';

/** Sends the command of a talk action (null: not a talk action, the view's own). */
export function useStageActions(deck: Deck): (action: KeyAction) => Promise<Ack<unknown>> | null {
  const send = useSend();
  const readNow = useReadNow();
  const step = useDeckStep();
  return useCallback(
    (action: KeyAction) => {
      const { deck: position, demo } = readNow();
      switch (action.type) {
        case 'step':
          return step(action.direction);
        case 'goto':
          return send('deck:goto', { slide: action.slide, fragment: -1 });
        case 'blank':
          return send('deck:blank', { blank: !position?.blank });
        case 'mode':
          return send('mode:set', { mode: MODE_IDS[action.index]! });
        case 'scene': {
          const slide = position ? deck.slides[position.slide] : undefined;
          if (!slide?.scene) return Promise.resolve(fail('invalid', 'This slide has no demo scene (D runs the scene of a demo slide that declares one).'));
          if (!demo) return Promise.resolve(fail('unavailable', 'The demo has not connected yet.'));
          return send('scene:run', { slide: slide.index, step: nextSceneStep(slide.scene, demo) });
        }
        default:
          return null;
      }
    },
    [deck, send, readNow, step],
  );
}
