import { readFile } from 'node:fs/promises';

/**
 * Poll a text file every `intervalMs` and call `onText` with each new content. Polling the
 * content rather than `fs.watch` because editors, `mv`, atomic writers and config-map mounts
 * replace the file (a new inode, which `fs.watch` loses) and mtime can stay the same within
 * its resolution. A change is reported once it reads the same on two polls in a row (so up
 * to two intervals late), so that a file caught half written (even empty) is never acted on;
 * a file that is momentarily missing is read again. `initialText` is the content already
 * applied. Returns a function that stops watching.
 */
export function watchTextFile(path: string, initialText: string | undefined, intervalMs: number, onText: (text: string) => void): () => void {
  let last = initialText;
  let candidate: string | undefined;
  let busy = false;
  const poll = async () => {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined || text === last) return;
    if (text !== candidate) {
      candidate = text;
      return;
    }
    last = text;
    onText(text);
  };
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void poll().finally(() => {
      busy = false;
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
