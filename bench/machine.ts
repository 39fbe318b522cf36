import { cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What every benchmark figure is reported with: the machine, the versions and the date. */
export function machineInfo(extra: Record<string, string> = {}): Record<string, string | number> {
  const pkg = (name: string) => {
    try {
      return JSON.parse(readFileSync(join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8')).version as string;
    } catch {
      return 'unknown';
    }
  };
  return {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    pg: pkg('pg'),
    pglite: pkg('@electric-sql/pglite'),
    ...extra,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
