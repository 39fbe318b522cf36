import { parentPort } from 'node:worker_threads';
import { type Relations, suppress } from './secondary-suppression';

// The secondary rule on a thread of its own (suppression-thread.ts): counts and relations in, forms
// out, one report at a time.

export interface SuppressionRequest {
  id: number;
  values: number[];
  relations: Relations;
}

parentPort!.on('message', ({ id, values, relations }: SuppressionRequest) => {
  try {
    parentPort!.postMessage({ id, forms: suppress(values, relations) });
  } catch (error) {
    parentPort!.postMessage({
      id,
      error: error instanceof Error ? error.message : 'the secondary rule failed',
    });
  }
});
