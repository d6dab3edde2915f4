/**
 * Runs async jobs one at a time, in arrival order: a registry write reads the file, edits it
 * and writes it back, and two of those interleaving would lose one admin's edit. A failed
 * job does not stop the queue; its error goes to its own caller only.
 */
export interface SerialQueue {
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Jobs waiting or running. */
  readonly size: number;
}

/** A new, empty queue. */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  let size = 0;
  return {
    get size() {
      return size;
    },
    run<T>(job: () => Promise<T>): Promise<T> {
      size += 1;
      const result = tail.then(job).finally(() => {
        size -= 1;
      });
      // The next job waits for this one to settle, whatever its outcome.
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
