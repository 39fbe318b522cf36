import { AsyncLocalStorage } from 'node:async_hooks';

const ifMatchOfRequest = new AsyncLocalStorage<number>();

/** Runs `fn` with the If-Match of the request being handled, for `requestIfMatch()` to find. */
export function withRequestIfMatch<T>(ifMatch: number, fn: () => T): T {
  return ifMatchOfRequest.run(ifMatch, fn);
}

/**
 * The If-Match of the write being handled, for the write path to check where a route does not
 * pass one itself (a route that creates its stream). Undefined outside a request or without one.
 */
export function requestIfMatch(): number | undefined {
  return ifMatchOfRequest.getStore();
}
