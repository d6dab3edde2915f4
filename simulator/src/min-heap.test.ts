import { describe, expect, it } from 'vitest';
import { MinHeap } from './min-heap.js';
import { createRng } from './prng.js';

describe('MinHeap', () => {
  it('pops in order, ties by the secondary key, after pushes and top replacements', () => {
    const rng = createRng(42);
    type Entry = { at: number; index: number };
    const heap = new MinHeap<Entry>((a, b) => a.at < b.at || (a.at === b.at && a.index < b.index));
    const all: Entry[] = Array.from({ length: 500 }, (_, index) => ({ at: Math.floor(rng.next() * 50), index }));
    for (const entry of all) heap.push(entry);
    // Move some tops forward, as the fleet does when a meter's next reading is scheduled.
    for (let i = 0; i < 100; i++) heap.replaceTop({ ...heap.peek()!, at: heap.peek()!.at + Math.floor(rng.next() * 30) });
    const popped: Entry[] = [];
    while (heap.size > 0) popped.push(heap.pop()!);
    expect(popped).toHaveLength(500);
    const sorted = [...popped].sort((a, b) => a.at - b.at || a.index - b.index);
    expect(popped).toEqual(sorted);
  });

  it('is empty when emptied', () => {
    const heap = new MinHeap<number>((a, b) => a < b);
    expect(heap.pop()).toBeUndefined();
    heap.push(3);
    heap.push(1);
    expect([heap.pop(), heap.pop(), heap.pop()]).toEqual([1, 3, undefined]);
  });
});
