import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ConsumerProgress, EventStore } from '@app/event-store';
import type { RunnableConsumers } from '@app/runtime';

// On a PostgreSQL server the API applies its read models on a thread of its own
// (read-models.worker.ts): a batch of events turned into rows then never keeps a request waiting on
// the API's thread. Readers still wait for their writes (`waitFor`) as they would for consumers of
// this thread.

/** What the thread needs to reach the store: no keys, no secrets. */
export interface ReadModelsThreadData {
  databaseUrl: string;
  schema?: string;
  dataDir: string;
  eventStore: 'sql' | 'kurrentdb';
  kurrentDbUrl?: string;
  kurrentDbNamespace?: string;
}

interface Standing {
  name: string;
  checkpoint: number;
  /** Date.now() when its checkpoint last moved or it was last caught up. */
  movedAt: number;
}

export type ToThread =
  | { kind: 'appended' }
  | { kind: 'wait'; id: number; member: string; position: number; timeoutMs: number }
  | { kind: 'stop' };

export type FromThread =
  | { kind: 'started'; consumers: Standing[] }
  | { kind: 'progress'; consumers: Standing[] }
  | { kind: 'reached'; id: number; reached: boolean; consumers: Standing[] }
  | { kind: 'failed'; error: string };

export interface ReadModelsThreadOptions {
  data: ReadModelsThreadData;
  /** The read models' names (the thread runs them all). */
  names: readonly string[];
  /** A failed batch (retried by the thread) or a thread that stopped (started again). */
  onError: (error: string) => void;
  /**
   * A module the thread requires before its entry, run from the TypeScript sources as the tests
   * do: their compiler. The built service needs none.
   */
  loader?: string;
  /** How long a stop waits for the batch in hand before the thread is ended. */
  stopTimeoutMs: number;
}

/** The shortest time between two wakes of the thread by appends. */
const WAKE_MS = 10;

/** How long a thread that stopped by itself is given before it is started again. */
const RESTART_MS = 1000;

export class ReadModelsThread implements RunnableConsumers {
  private worker?: Worker;
  private readonly standing = new Map<string, Standing>();
  /** Readers waiting for a position, by id: asked of the thread, and again of a thread started anew. */
  private readonly pending = new Map<
    number,
    { member: string; position: number; until: number; answer: (reached: boolean) => void }
  >();
  private ready = false;
  private next = 0;
  private wakeTimer?: NodeJS.Timeout;
  private wokenAt = 0;
  private unsubscribe?: () => void;
  private running = false;
  private restart?: NodeJS.Timeout;

  constructor(
    private readonly store: EventStore,
    private readonly options: ReadModelsThreadOptions,
  ) {
    const now = Date.now();
    for (const name of options.names) this.standing.set(name, { name, checkpoint: 0, movedAt: now });
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    // Appends of this thread wake the read models' thread when it idles: the first at once, the
    // others at most one message every WAKE_MS (under load it is busy or gathering anyway).
    this.unsubscribe = this.store.onAppend(() => {
      if (this.wakeTimer) return;
      const wake = () => {
        this.wakeTimer = undefined;
        this.wokenAt = Date.now();
        this.worker?.postMessage({ kind: 'appended' } satisfies ToThread);
      };
      const wait = this.wokenAt + WAKE_MS - Date.now();
      if (wait <= 0) wake();
      else this.wakeTimer = setTimeout(wake, wait);
    });
    try {
      await this.launch();
    } catch (err) {
      this.running = false;
      this.unsubscribe();
      clearTimeout(this.wakeTimer);
      throw err;
    }
  }

  /** Starts the thread; resolves once its consumers stand at their stored checkpoints. */
  private launch(): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = this.startWorker();
      this.worker = worker;
      let started = false;
      worker.on('message', (m: FromThread) => {
        switch (m.kind) {
          case 'started':
            started = this.ready = true;
            this.stand(m.consumers);
            for (const id of this.pending.keys()) this.ask(id);
            resolve();
            break;
          case 'progress':
            this.stand(m.consumers);
            break;
          case 'reached':
            this.stand(m.consumers);
            this.answer(m.id, m.reached);
            break;
          case 'failed':
            this.options.onError(m.error);
            break;
        }
      });
      worker.on('error', (err) => this.options.onError(err.name));
      worker.on('exit', (code) => {
        if (this.worker === worker) {
          this.worker = undefined;
          this.ready = false;
        }
        // Readers waiting go on waiting, within their time, for the thread started again.
        if (!started) return reject(new Error(`the read models' thread did not start (exit ${code})`));
        if (!this.running) return;
        this.options.onError('ThreadStopped');
        this.startAgain();
      });
    });
  }

  /** A thread that stopped, or could not start again, is started again RESTART_MS later. */
  private startAgain(): void {
    this.restart = setTimeout(() => {
      this.restart = undefined;
      if (!this.running) return;
      this.launch().catch((err: Error) => {
        this.options.onError(err.name);
        this.startAgain();
      });
    }, RESTART_MS);
  }

  private startWorker(): Worker {
    const entry = join(__dirname, `read-models.worker${extname(__filename)}`);
    const workerData = { ...this.options.data, entry, loader: this.options.loader };
    if (!this.options.loader) return new Worker(entry, { workerData });
    return new Worker(
      `const { workerData } = require('node:worker_threads'); require(workerData.loader); require(workerData.entry);`,
      { eval: true, workerData },
    );
  }

  private stand(consumers: Standing[]): void {
    for (const c of consumers) this.standing.set(c.name, c);
  }

  consumer(name: string): ConsumerProgress | undefined {
    if (!this.standing.has(name)) return undefined;
    const standing = () => this.standing.get(name)!;
    return {
      name,
      get checkpoint() {
        return standing().checkpoint;
      },
      get sinceMoved() {
        return Date.now() - standing().movedAt;
      },
      waitFor: (position, timeoutMs) => this.waitFor(name, position, timeoutMs),
    };
  }

  private waitFor(member: string, position: number, timeoutMs: number): Promise<boolean> {
    if (this.standing.get(member)!.checkpoint >= position) return Promise.resolve(true);
    const id = this.next++;
    return new Promise((resolve) => {
      const late = setTimeout(() => this.answer(id, false), timeoutMs);
      const answer = (reached: boolean) => {
        clearTimeout(late);
        resolve(reached);
      };
      this.pending.set(id, { member, position, until: Date.now() + timeoutMs, answer });
      this.ask(id);
    });
  }

  /** Asks the thread, when it runs, to answer reader `id` once its read model has applied the position. */
  private ask(id: number): void {
    const waiting = this.pending.get(id);
    if (!waiting || !this.ready) return;
    const { member, position, until } = waiting;
    const timeoutMs = Math.max(0, until - Date.now());
    this.worker!.postMessage({ kind: 'wait', id, member, position, timeoutMs } satisfies ToThread);
  }

  private answer(id: number, reached: boolean): void {
    const waiting = this.pending.get(id);
    this.pending.delete(id);
    waiting?.answer(reached);
  }

  /** Stops after the thread's batch in hand has committed; ends the thread after `stopTimeoutMs`. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    clearTimeout(this.restart);
    clearTimeout(this.wakeTimer);
    for (const id of [...this.pending.keys()]) this.answer(id, false);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ kind: 'stop' } satisfies ToThread);
    const late = setTimeout(() => void worker.terminate(), this.options.stopTimeoutMs);
    await exited;
    clearTimeout(late);
  }
}
