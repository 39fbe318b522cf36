import { parentPort, workerData } from 'node:worker_threads';
import { CheckpointedSubscription, openDatabase, openEventStore } from '@app/event-store';
import { readModelGroup } from './read-model-group';
import type { FromThread, ReadModelsThreadData, ToThread } from './read-models-thread';

// The read models on a thread of their own (read-models-thread.ts): the same group of consumers the
// API's thread would run, over a connection pool of its own to the same server. The API's thread
// tells it of appends and asks it for positions; it tells the API's thread where each read model
// stands.

/** How often a moved checkpoint is told to the API's thread when nobody asked (health, the fast path of reads). */
const PROGRESS_MS = 100;

const port = parentPort!;
const post = (message: FromThread) => port.postMessage(message);

async function run(data: ReadModelsThreadData): Promise<void> {
  const sql = await openDatabase({ ...data, poolSize: 2 });
  const store = await openEventStore(sql, data);
  const group = readModelGroup();
  const names = group.members!.map((m) => m.name);
  const sub = new CheckpointedSubscription(store, {
    ...group,
    onError: (err) => post({ kind: 'failed', error: (err as Error)?.name ?? 'Error' }),
  });
  const standing = () => {
    const now = Date.now();
    return names.map((name) => {
      const c = sub.consumer(name)!;
      return { name, checkpoint: c.checkpoint, movedAt: now - c.sinceMoved };
    });
  };
  await sub.start();
  post({ kind: 'started', consumers: standing() });

  // Messages sent before this wait in the port until it is listened to.
  let told = '';
  const timer = setInterval(() => {
    const consumers = standing();
    const checkpoints = consumers.map((c) => c.checkpoint).join(',');
    if (checkpoints === told) return;
    told = checkpoints;
    post({ kind: 'progress', consumers });
  }, PROGRESS_MS);
  let stopping: Promise<void> | undefined;
  port.on('message', (m: ToThread) => {
    switch (m.kind) {
      case 'appended':
        sub.appendedElsewhere();
        break;
      case 'wait':
        void sub
          .consumer(m.member)!
          .waitFor(m.position, m.timeoutMs)
          .then((reached) => post({ kind: 'reached', id: m.id, reached, consumers: standing() }));
        break;
      case 'stop':
        stopping ??= (async () => {
          clearInterval(timer);
          await sub.stop();
          await store.close();
          await sql.close();
          port.close();
        })();
        break;
    }
  });
}

run(workerData as ReadModelsThreadData).catch((err: Error) => {
  post({ kind: 'failed', error: err?.name ?? 'Error' });
  process.exit(1);
});
