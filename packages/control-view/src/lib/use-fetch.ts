import { useEffect, useState } from 'react';
import { ApiRequestError } from '../api/client.js';

/** A REST fetch's state: loading, its data, or its error (code and message for the person). */
export type Fetched<T> = { readonly status: 'loading' } | { readonly status: 'ok'; readonly data: T } | { readonly status: 'error'; readonly code: string; readonly message: string };

/**
 * Fetches when `key` changes (and on `epoch`, bumped after each live reconnect, so a refresh
 * follows an outage). The previous data stays on screen while the next request runs.
 */
export function useFetch<T>(load: () => Promise<T>, key: string, epoch = 0): Fetched<T> {
  const [state, setState] = useState<Fetched<T>>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    load().then(
      (data) => {
        if (!cancelled) setState({ status: 'ok', data });
      },
      (err: unknown) => {
        if (cancelled) return;
        if (err instanceof ApiRequestError) setState({ status: 'error', code: err.code, message: err.message });
        else setState({ status: 'error', code: 'network', message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => {
      cancelled = true;
    };
    // `load` is a fresh closure each render on purpose; `key` names what it fetches.
  }, [key, epoch]);
  return state;
}
