import { describe, expect, it } from 'vitest';
import { createSerialQueue } from './serial-queue.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createSerialQueue', () => {
  it('runs read-modify-write jobs one at a time, so none is lost', async () => {
    // Two naive jobs that read, wait, then write back value + 1: interleaved they give 1, serialized 2.
    const queue = createSerialQueue();
    let value = 0;
    const increment = async () => {
      const read = value;
      await tick();
      value = read + 1;
    };
    await Promise.all([queue.run(increment), queue.run(increment), queue.run(increment)]);
    expect(value).toBe(3);
  });

  it('keeps going after a failed job and gives the error to its caller only', async () => {
    const queue = createSerialQueue();
    const order: string[] = [];
    const failed = queue.run(() => Promise.reject(new Error('boom')));
    const next = queue.run(() => {
      order.push('next');
      return Promise.resolve(42);
    });
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe(42);
    expect(order).toEqual(['next']);
    expect(queue.size).toBe(0);
  });
});
