import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Form, Relations } from './secondary-suppression';
import { SmallNumbers } from './small-numbers';
import type { SuppressionRequest } from './suppression.worker';

// The small-numbers rule for a manager takes up to a second of CPU for a large torg's grouped answer
// (docs/statistics.md §14). Worked out on the API's own thread, it would keep every other request
// waiting meanwhile; here it runs on a worker thread, and the API's thread stays free.

/** A route's presentation of its report for a caller, given how the caller may see the figures. */
export type Presentation = <B>(present: (small: SmallNumbers) => B) => Promise<B>;

/** Stops the first pass of a presentation once its counts and relations are known. */
class Registered {
  constructor(
    readonly values: number[],
    readonly relations: Relations,
  ) {}
}

const same = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

export class SuppressionThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<
    number,
    { resolve: (forms: Form[]) => void; reject: (e: Error) => void }
  >();
  private next = 0;

  /**
   * How `masked` callers' figures are presented: for a processledare as they are; for a manager in
   * two passes over the same report. The first registers its counts and how they hang together and
   * stops where the forms are first needed; the thread works the forms out; the second pass, the
   * same presentation again, is given them. A presentation is a pure function of its report, so both
   * passes register the same counts (checked: if not, the second works them out itself).
   */
  presentation(masked: boolean): Presentation {
    return async <B>(present: (small: SmallNumbers) => B): Promise<B> => {
      if (!masked) return present(new SmallNumbers(false));
      let registered: Registered | undefined;
      try {
        return present(
          new SmallNumbers(true, (values, relations) => {
            throw new Registered([...values], relations);
          }),
        );
      } catch (stop) {
        if (!(stop instanceof Registered)) throw stop;
        registered = stop;
      }
      // A thread that failed is started again for the next one; this one is worked out here.
      const forms = await this.suppress(registered.values, registered.relations).catch(() => undefined);
      return present(
        new SmallNumbers(true, (values, relations) =>
          forms !== undefined && same(values, registered.values)
            ? forms
            : new SmallNumbers(true).solve(values, relations),
        ),
      );
    };
  }

  /** The forms of `values` under `relations` (secondary-suppression.ts), worked out on the thread. */
  suppress(values: number[], relations: Relations): Promise<Form[]> {
    const worker = (this.worker ??= this.start());
    const id = this.next++;
    return new Promise<Form[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, values, relations } satisfies SuppressionRequest);
      // Kept alive only while it has work: an idle thread never holds the process open.
      worker.ref();
    });
  }

  /** Ends the thread; a presentation after this starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = startWorker();
    worker.unref();
    worker.on('message', (m: { id: number; forms?: Form[]; error?: string }) => {
      const waiting = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (m.forms) waiting?.resolve(m.forms);
      else waiting?.reject(new Error(`small numbers: ${m.error ?? 'no forms'}`));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`small numbers: the thread stopped (${code})`)));
    return worker;
  }
}

/**
 * The worker, built (dist/…/suppression.worker.js) or, run from the sources as the tests do, its
 * TypeScript compiled as it loads by the same compiler the build uses.
 */
function startWorker(): Worker {
  const entry = join(__dirname, `suppression.worker${extname(__filename)}`);
  if (extname(__filename) !== '.ts') return new Worker(entry);
  const fromSources = `
    const { readFileSync } = require('node:fs');
    const { transformSync } = require('@swc/core');
    require.extensions['.ts'] = (module, filename) => module._compile(transformSync(readFileSync(filename, 'utf8'), {
      filename, swcrc: false, module: { type: 'commonjs' }, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    }).code, filename);
    require(require('node:worker_threads').workerData.entry);`;
  return new Worker(fromSources, { eval: true, workerData: { entry } });
}
