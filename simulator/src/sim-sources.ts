import type { FaultInjector } from './fault-injector.js';
import type { FleetMessage } from './fleet.js';
import type { OutgoingMessage } from './publisher.js';

/**
 * A stream the controller plays, seen one message ahead: the controller looks at the next
 * message's stream time, waits until it is due (or until a command changes the plan), and
 * only then takes it, so a pause or a switch to a replay never loses the message in hand.
 */
export interface PeekableSource {
  /** The next message, or undefined at the end. */
  peek(): Promise<OutgoingMessage | undefined>;
  /** Drop the message `peek` returned. */
  take(): void;
  /** Release the underlying stream (a recording's file). */
  close(): Promise<void>;
}

/** The scenario's fleet through the fault injector: a lost reading yields nothing, a duplicate two. */
export function scenarioSource(messages: Iterable<FleetMessage>, injector: FaultInjector): PeekableSource {
  const iterator = messages[Symbol.iterator]();
  const buffer: OutgoingMessage[] = [];
  let ended = false;
  return {
    peek: () => {
      while (buffer.length === 0 && !ended) {
        const next = iterator.next();
        if (next.done === true) {
          ended = true;
          buffer.push(...injector.flush());
        } else buffer.push(...injector.push(next.value));
      }
      return Promise.resolve(buffer[0]);
    },
    take: () => void buffer.shift(),
    close: () => {
      iterator.return?.();
      return Promise.resolve();
    },
  };
}

/** A recording (or any async stream of messages). */
export function streamSource(messages: AsyncIterable<OutgoingMessage>): PeekableSource {
  const iterator = messages[Symbol.asyncIterator]();
  let head: OutgoingMessage | undefined;
  let ended = false;
  return {
    peek: async () => {
      if (head === undefined && !ended) {
        const next = await iterator.next();
        if (next.done === true) ended = true;
        else head = next.value;
      }
      return head;
    },
    take: () => {
      head = undefined;
    },
    close: async () => {
      ended = true;
      await iterator.return?.(undefined);
    },
  };
}
