import type { Pacing } from '../../functions/drive/providers/googleDrive/pacing.ts';

/** A {@link Pacing} whose sleeps return at once and move its clock: tests see every wait, and spend none. */
export interface FakePacing extends Pacing {
  /** Every sleep asked for, in ms, in order. */
  readonly sleeps: number[];
  /** Moves the clock without a sleep. */
  advance(ms: number): void;
}

/**
 * @param random what `random()` returns (the top of the jitter range by default, so waits are their ceilings).
 * @param start the clock's start: real time by default, since signed assertions are checked against it.
 */
export const fakePacing = (random = () => 0.999_999, start = Date.now()): FakePacing => {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    random,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
};
