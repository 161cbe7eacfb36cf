// The few async shapes this code base needs, written once: a promise with a deadline, a queue
// that runs tasks one at a time, and a coalescing timer that turns a burst of changes into one
// call. Pure timers and promises, no Node.js or browser API beyond setTimeout.

/** `promise`, or a rejection with `message` after `ms` (the timer is cleared either way). */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string | (() => Error)): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(typeof message === 'string' ? new Error(message) : message()), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** Runs tasks one after another in the order given; a failed task fails only its own caller. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(task);
    this.#tail = next.catch(() => undefined);
    return next;
  }
}

export interface Coalescer {
  /** Asks for one call of `fn` at most `ms` from now; asks while one is pending join it. */
  schedule(): void;
  /** Drops a pending call (on shutdown). */
  cancel(): void;
}

/** However many changes arrive, `fn` runs once per `ms` at most, `ms` after the first of a burst. */
export function coalesce(fn: () => void, ms: number): Coalescer {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    schedule() {
      timer ??= setTimeout(() => {
        timer = null;
        fn();
      }, ms);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
