// HTTP client: node:http with keep-alive, one socket per loop
import { Agent, request as httpRequest } from 'node:http';
import type { StepResult } from './load';

interface Reply {
  status: number;
  body?: any;
}

export class ApiClient {
  readonly agent: Agent;

  constructor(
    readonly port: number,
    connections: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  /** Sends one request; the body is parsed when asked for, or when it is a problem. */
  send(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    token: string | undefined,
    body?: unknown,
    parse = true,
  ): Promise<Reply> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise((resolve) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: this.port, method, path, agent: this.agent, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const ok = status >= 200 && status < 300;
            let parsed: unknown;
            if ((parse || !ok) && chunks.length > 0) {
              try {
                parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
              } catch {
                parsed = undefined;
              }
            }
            resolve({ status, body: parsed });
          });
          res.on('error', () => resolve({ status: 0 }));
        },
      );
      req.on('error', (err) => resolve({ status: 0, body: { title: err.message } }));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export const ok = (r: Reply) => r.status >= 200 && r.status < 300;

function problemOf(r: Reply): string | undefined {
  const b = r.body as { type?: string; title?: string } | undefined;
  if (!b) return undefined;
  return [b.type?.replace(/^.*\/problems\//, ''), b.title].filter(Boolean).join(': ').slice(0, 160);
}

export function result(op: string, r: Reply): StepResult {
  return ok(r) ? { op, ok: true } : { op, ok: false, status: r.status, problem: problemOf(r) };
}

/** For the unmeasured set-up: a refused request stops the bench with what the API said. */
export function expectOk(what: string, r: Reply): any {
  if (!ok(r)) throw new Error(`${what}: HTTP ${r.status} ${problemOf(r) ?? ''}`);
  return r.body;
}
