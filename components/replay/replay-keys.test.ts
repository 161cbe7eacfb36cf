import { describe, expect, it } from 'vitest';
import { replayKey } from './replay-keys';

describe('replayKey', () => {
  it('plays and pauses with Space and K, steps with the arrows and pages', () => {
    expect(replayKey(' ', 'other')).toBe('toggle');
    expect(replayKey('k', 'other')).toBe('toggle');
    expect(replayKey('ArrowRight', 'other')).toBe('next');
    expect(replayKey('PageUp', 'other')).toBe('prev');
    expect(replayKey('End', 'other')).toBe('end');
    expect(replayKey('x', 'other')).toBeNull();
  });

  it('goes full screen with F and into the theatre with T, as a video player does', () => {
    expect(replayKey('f', 'other')).toBe('fullscreen');
    expect(replayKey('T', 'button')).toBe('theatre');
    expect(replayKey('f', 'field')).toBeNull();
  });

  it('leaves a form field its keys and a focused button its Space', () => {
    expect(replayKey('ArrowRight', 'field')).toBeNull();
    expect(replayKey(' ', 'field')).toBeNull();
    expect(replayKey(' ', 'button')).toBeNull();
    expect(replayKey('k', 'button')).toBe('toggle');
    expect(replayKey('ArrowLeft', 'button')).toBe('prev');
  });
});
