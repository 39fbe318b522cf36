import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// In a process of its own: lowering threads here would lower the test runner's own.
const ROOT = join(__dirname, '..', '..', '..');

interface Seen {
  pid: number;
  before: Record<string, number>;
  lowered: number;
  after: Record<string, number>;
  again: number;
}

function run(prefix: string[] = []): Seen {
  const script = `
    const { readdirSync, readFileSync } = require('node:fs');
    const { Worker } = require('node:worker_threads');
    const { lowerHelperThreads } = require(${JSON.stringify(join(__dirname, 'thread-priority.ts'))});
    // Field 19 of a thread's stat is its niceness (after the name, which may hold spaces).
    const nice = () => Object.fromEntries(readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8');
      return [tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    }));
    const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
    worker.on('online', () => {
      const before = nice();
      const lowered = lowerHelperThreads();
      const after = nice();
      const again = lowerHelperThreads();
      process.stdout.write(JSON.stringify({ pid: process.pid, before, lowered, after, again }));
      process.exit(0);
    });`;
  const [command, ...args] = [...prefix, process.execPath, '-r', join(ROOT, 'test/support/register.js')];
  return JSON.parse(execFileSync(command, [...args, '-e', script], { encoding: 'utf8' })) as Seen;
}

describe('the helper threads below the thread that answers requests', () => {
  it('lowers every thread but the main one by ten steps, once', () => {
    const seen = run();
    const main = seen.before[seen.pid];
    const helpers = Object.keys(seen.after).filter((tid) => Number(tid) !== seen.pid);
    // V8's helpers and the worker thread at least.
    expect(helpers.length).toBeGreaterThanOrEqual(2);
    expect(seen.after[seen.pid]).toBe(main);
    const lowest = Math.min(19, main + 10);
    for (const tid of helpers) expect({ tid, nice: seen.after[tid] }).toEqual({ tid, nice: lowest });
    expect(seen.lowered).toBe(helpers.length);
    expect(seen.again).toBe(0);
  });

  it('never goes past the lowest priority, and leaves the main thread where the process was started', () => {
    const seen = run(['nice', '-n', '15']);
    expect(seen.after[seen.pid]).toBe(15);
    for (const tid of Object.keys(seen.after).filter((t) => Number(t) !== seen.pid)) {
      expect({ tid, nice: seen.after[tid] }).toEqual({ tid, nice: 19 });
    }
  });
});
