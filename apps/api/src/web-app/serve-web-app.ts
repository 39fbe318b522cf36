import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { requestPath } from '../common/http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Paths the API answers itself; everything else is the web app. */
const API_PATH = /^\/(api|health)(\/|$)/;

export interface WebAppFile {
  body: Buffer;
  type: string;
  /** Hashed assets never change under their name: cached for a year. */
  immutable: boolean;
}

/**
 * The built web app in `dir`: for a page path, its file as it is, or index.html for every other
 * page path, so the app's own routes survive a reload. Undefined for the API's paths and for a
 * missing file with an extension (a 404, not the app).
 */
export function webAppFiles(dir: string, warn: (message: string) => void): (path: string) => WebAppFile | undefined {
  const index = join(dir, 'index.html');
  let indexHtml: Buffer | undefined;
  if (existsSync(index)) indexHtml = readFileSync(index);
  else warn(`The web app is not built (no ${index}): run npm run build`);

  return (rawPath) => {
    if (API_PATH.test(rawPath)) return undefined;
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return undefined;
    }
    const file = normalize(join(dir, path));
    if (file.startsWith(dir + sep) && extname(file) && isFile(file)) {
      return {
        body: readFileSync(file),
        type: TYPES[extname(file)] ?? 'application/octet-stream',
        immutable: path.startsWith('/assets/'),
      };
    }
    if (extname(path) || !indexHtml) return undefined;
    return { body: indexHtml, type: TYPES['.html'], immutable: false };
  };
}

/**
 * Serves the web app from `dir` on GET (and HEAD) of every path no route of the API takes: a
 * route of the HTTP server, so it passes the same request log and headers as the API.
 */
export function serveWebApp(server: FastifyInstance, dir: string, warn: (message: string) => void): void {
  const files = webAppFiles(dir, warn);
  server.get('/*', (req, reply) => {
    const file = files(requestPath(req));
    if (!file) {
      reply.callNotFound();
      return reply;
    }
    return reply
      .header('Cache-Control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .type(file.type)
      .send(file.body);
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
