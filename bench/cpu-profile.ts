import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// Where a CPU profile of the API (node --cpu-prof) spends its time: the functions with the most
// self time, with their file:line, so a missed benchmark target can be traced to code.
//
//   node dist/bench/cpu-profile.js <file.cpuprofile | directory> … [--top 25]

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTimeRow {
  function: string;
  /** file:line (1-based), relative to the working directory where it can be. */
  location: string;
  selfMs: number;
  /** Share of all sampled time, in percent. */
  percent: number;
}

export interface ProfileSummary {
  file: string;
  sampledMs: number;
  /** Time the process waited for work: a busy server has little. */
  idleMs: number;
  garbageCollectorMs: number;
  /**
   * Self time by who caused it: the nearest caller in a package (`pg`, `@nestjs/core`) or in the
   * project (`libs/event-store`, `apps/api/src/persons`), so the time of a native or Node
   * function (a socket write, a cipher) counts for the code that asked for it.
   */
  byOwner: { owner: string; selfMs: number; percent: number }[];
  top: SelfTimeRow[];
}

/** A package or a folder of the project, from a frame's url; undefined for Node's own code and natives. */
function ownerOf(url: string): string | undefined {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/dist\/((?:apps\/[^/]+\/src|libs\/[^/]+|bench)(?:\/[^/]+(?=\/))?)/.exec(url);
  return own ? own[1].replace(/\/src$/, '') : undefined;
}

function location(frame: CallFrame): string {
  if (!frame.url) return '(native)';
  let path = frame.url;
  if (path.startsWith('file://')) {
    try {
      path = fileURLToPath(path);
    } catch {
      // keep the url as it is
    }
  }
  if (path.startsWith('/')) {
    const rel = relative(process.cwd(), path);
    if (!rel.startsWith('..')) path = rel;
  }
  return `${path}:${frame.lineNumber + 1}`;
}

/** Self time per function (name and place), from the samples and their time deltas. */
export function summariseCpuProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  if (samples.length > 0 && deltas.length === samples.length) {
    // The delta before sample i+1 is the time sample i stood for.
    for (let i = 0; i < samples.length; i++) {
      const us = i + 1 < deltas.length ? deltas[i + 1] : 0;
      selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + Math.max(0, us));
    }
  } else {
    const total = profile.endTime - profile.startTime;
    const hits = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0) || 1;
    for (const n of profile.nodes) selfUs.set(n.id, ((n.hitCount ?? 0) / hits) * total);
  }
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const owners = new Map<number, string>();
  const ownerOfNode = (id: number): string => {
    const known = owners.get(id);
    if (known) return known;
    let owner: string | undefined;
    for (let at: number | undefined = id; at !== undefined && !owner; at = parent.get(at)) {
      owner = ownerOf(byId.get(at)?.callFrame.url ?? '');
    }
    const name = byId.get(id)?.callFrame.functionName ?? '';
    owner ??= name.startsWith('(') ? name : 'node';
    owners.set(id, owner);
    return owner;
  };
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, SelfTimeRow>();
  let sampledUs = 0;
  let idleUs = 0;
  let gcUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    sampledUs += us;
    const owner = ownerOfNode(id);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + us);
    if (frame.functionName === '(idle)') idleUs += us;
    if (frame.functionName === '(garbage collector)') gcUs += us;
    const name = frame.functionName || '(anonymous)';
    const where = location(frame);
    const key = `${name}\u0000${where}`;
    const row = byFunction.get(key) ?? { function: name, location: where, selfMs: 0, percent: 0 };
    row.selfMs += us / 1000;
    byFunction.set(key, row);
  }
  const rows = [...byFunction.values()]
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top)
    .map((r) => ({
      ...r,
      selfMs: Math.round(r.selfMs * 10) / 10,
      percent: sampledUs > 0 ? Math.round(((r.selfMs * 1000) / sampledUs) * 1000) / 10 : 0,
    }));
  return {
    file,
    sampledMs: Math.round(sampledUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    garbageCollectorMs: Math.round(gcUs / 1000),
    byOwner: [...byOwner]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([owner, us]) => ({
        owner,
        selfMs: Math.round(us / 100) / 10,
        percent: sampledUs > 0 ? Math.round((us / sampledUs) * 1000) / 10 : 0,
      })),
    top: rows,
  };
}

export function formatSummary(summary: ProfileSummary): string {
  const lines = [
    `${summary.file}: ${summary.sampledMs} ms sampled, idle ${summary.idleMs} ms, garbage collector ${summary.garbageCollectorMs} ms`,
    '   self ms      %  by owner (the nearest package or project folder on the stack)',
    ...summary.byOwner.map(
      (o) => `${o.selfMs.toFixed(1).padStart(9)} ${o.percent.toFixed(1).padStart(6)}  ${o.owner}`,
    ),
    '   self ms      %  function  (file:line)',
  ];
  for (const r of summary.top) {
    lines.push(
      `${r.selfMs.toFixed(1).padStart(9)} ${r.percent.toFixed(1).padStart(6)}  ${r.function}  (${r.location})`,
    );
  }
  return lines.join('\n');
}

/** The .cpuprofile files named, or found in the directories named. */
export function profileFiles(paths: string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => f.endsWith('.cpuprofile'))
          .sort()
          .map((f) => join(p, f))
      : [p],
  );
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--top');
  const top = at >= 0 ? Number(args.splice(at, 2)[1]) : 25;
  if (args.length === 0 || !Number.isInteger(top) || top < 1) {
    process.stderr.write(
      'usage: node dist/bench/cpu-profile.js <file.cpuprofile | directory> … [--top 25]\n',
    );
    process.exit(2);
  }
  for (const file of profileFiles(args))
    process.stdout.write(`${formatSummary(summariseCpuProfile(file, top))}\n\n`);
}
