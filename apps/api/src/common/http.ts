import type { FastifyReply, FastifyRequest } from 'fastify';

/** A request as the API's guards, interceptors and controllers see it (Nest on Fastify). */
export type HttpRequest = FastifyRequest<{ Params: Record<string, string | undefined> }>;
/** The reply to it. */
export type HttpReply = FastifyReply;

interface AcceptRange {
  type: string;
  subtype: string;
  q: number;
  order: number;
}

function acceptRanges(header: string): AcceptRange[] {
  const ranges: AcceptRange[] = [];
  header.split(',').forEach((part, order) => {
    const [range, ...params] = part.split(';').map((p) => p.trim());
    const slash = range.indexOf('/');
    if (slash <= 0) return;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=').map((x) => x.trim());
      if (name.toLowerCase() === 'q') q = Number(value);
    }
    if (!Number.isFinite(q)) return;
    ranges.push({
      type: range.slice(0, slash).toLowerCase(),
      subtype: range.slice(slash + 1).toLowerCase(),
      q: Math.min(Math.max(q, 0), 1),
      order,
    });
  });
  return ranges;
}

/**
 * The media type among `offered` that the request's Accept header prefers: the highest quality,
 * then the most specific range that named it, then the header's order, then the order offered.
 * The first offered when there is no Accept header; false when none is acceptable.
 */
export function preferredType(req: Pick<HttpRequest, 'headers'>, offered: readonly string[]): string | false {
  const header = req.headers.accept;
  if (!header || header.trim() === '') return offered[0] ?? false;
  const ranges = acceptRanges(header);
  let best: { type: string; q: number; specificity: number; order: number; index: number } | undefined;
  offered.forEach((candidate, index) => {
    const [type, subtype] = candidate.toLowerCase().split('/');
    let match: { q: number; specificity: number; order: number } | undefined;
    for (const r of ranges) {
      const specificity =
        r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' && r.subtype === '*' ? 0 : -1;
      if (specificity < 0) continue;
      if (!match || specificity > match.specificity) match = { q: r.q, specificity, order: r.order };
    }
    if (!match || match.q <= 0) return;
    const better =
      !best ||
      match.q > best.q ||
      (match.q === best.q &&
        (match.specificity > best.specificity ||
          (match.specificity === best.specificity && match.order < best.order)));
    if (better) best = { type: candidate, ...match, index };
  });
  return best?.type ?? false;
}

/** The path of the request, without its query string. */
export function requestPath(req: Pick<HttpRequest, 'url'>): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}
