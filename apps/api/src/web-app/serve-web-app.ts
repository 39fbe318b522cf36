import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

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

type Next = (err?: unknown) => void;

/**
 * Serves the built web app from `dir`: its files as they are (hashed assets cached for a year), and
 * index.html for every other page path, so the app's own routes survive a reload. Plain Node
 * request and response, so it runs the same as middleware under either HTTP adapter.
 */
export function serveWebApp(dir: string, warn: (message: string) => void) {
  const index = join(dir, 'index.html');
  let indexHtml: Buffer | undefined;
  if (existsSync(index)) indexHtml = readFileSync(index);
  else warn(`The web app is not built (no ${index}): run npm run build`);

  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const url = req.url ?? '/';
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATH.test(url)) return next();
    let path: string;
    try {
      path = decodeURIComponent(url.split('?')[0]);
    } catch {
      return next();
    }
    const file = normalize(join(dir, path));
    if (file.startsWith(dir + sep) && extname(file) && isFile(file)) {
      const immutable = path.startsWith('/assets/');
      send(res, req.method, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream', immutable);
      return;
    }
    // A missing file with an extension is a 404, not the app.
    if (extname(path) || !indexHtml) return next();
    send(res, req.method, indexHtml, TYPES['.html'], false);
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function send(res: ServerResponse, method: string | undefined, body: Buffer, type: string, immutable: boolean) {
  res.statusCode = 200;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', body.length);
  res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  res.end(method === 'HEAD' ? undefined : body);
}
