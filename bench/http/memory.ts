// Memory of the API process, from /proc
import { readFileSync } from 'node:fs';
import { round } from './config';

/** The targets say MB: 10^6 bytes (300 MB is 286 MiB). */
export const megabytes = (kib: number) => round((kib * 1024) / 1e6);

interface Memory {
  rssKiB: number;
  hwmKiB: number;
}

export function memoryOf(pid: number): Memory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssKiB: kib('VmRSS'), hwmKiB: kib('VmHWM') };
  } catch {
    return undefined;
  }
}

/** Samples VmRSS while a workload runs; VmHWM (the kernel's own peak) is read at the end. */
export class RssSampler {
  private timer?: NodeJS.Timeout;
  maxRssKiB = 0;
  samples = 0;

  constructor(private readonly pid: number) {}

  start(everyMs = 250): void {
    const sample = () => {
      const m = memoryOf(this.pid);
      if (!m) return;
      this.samples++;
      this.maxRssKiB = Math.max(this.maxRssKiB, m.rssKiB);
    };
    sample();
    this.timer = setInterval(sample, everyMs);
  }

  stop(): { maxSampledRssMB: number; peakRssMB: number; samples: number } {
    clearInterval(this.timer);
    const hwm = memoryOf(this.pid)?.hwmKiB ?? 0;
    return {
      maxSampledRssMB: megabytes(this.maxRssKiB),
      peakRssMB: megabytes(Math.max(hwm, this.maxRssKiB)),
      samples: this.samples,
    };
  }
}
