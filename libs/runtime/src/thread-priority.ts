import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** How much less CPU the helper threads may claim than the thread answering requests (nice steps). */
export const HELPER_THREAD_NICENESS = 10;

/**
 * Lowers the scheduling priority of every thread of this process but its main thread, on Linux:
 * V8's garbage-collector and compiler helpers, libuv's pool and the read models' thread. On a
 * machine whose cores are all busy the main thread, which answers every request, then runs first;
 * the helpers still use every core left idle. Niceness is relative to the process's own, so this
 * never raises a thread above it. Returns how many threads it lowered (none where the system has
 * no `/proc` or refuses).
 */
export function lowerHelperThreads(niceness = HELPER_THREAD_NICENESS): number {
  let threads: string[];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    return 0;
  }
  const target = Math.min(19, getPriority(process.pid) + niceness);
  let lowered = 0;
  for (const thread of threads) {
    const tid = Number(thread);
    if (tid === process.pid) continue;
    try {
      if (getPriority(tid) >= target) continue;
      setPriority(tid, target);
      lowered++;
    } catch {
      // A thread that ended meanwhile, or a system that does not allow it: it keeps its priority.
    }
  }
  return lowered;
}

/**
 * Keeps the helper threads lowered: now, and every `everyMs` for threads started later (libuv's
 * pool starts on first use; a read models' thread that stopped is started again).
 */
export function keepHelperThreadsLowered(everyMs = 10_000): void {
  lowerHelperThreads();
  setInterval(() => lowerHelperThreads(), everyMs).unref();
}
