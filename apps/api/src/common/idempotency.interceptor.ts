import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { type Observable, catchError, from, mergeMap, of, throwError } from 'rxjs';
import type { SqlClient } from '@app/event-store';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { SQL_CLIENT } from '../database/database.module';
import { AppError, conflict, validationError } from './errors';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * `Idempotency-Key` on POST and PUT: the first answer is stored with a hash of the request; a
 * retry with the same key and request gets that answer again and writes nothing; the same key
 * with another request is refused. A key whose first request failed may be used again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.headers['idempotency-key'];
    if (key === undefined || !['POST', 'PUT'].includes(req.method) || !req.principal) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw validationError([{ field: 'Idempotency-Key', message: 'must be 1–200 visible ASCII characters' }]);
    }
    const { tenant, sub } = req.principal;
    const hash = createHash('sha256')
      .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const claimed = await this.sql.query(
      `INSERT INTO idempotency_keys (tenant, caller, key, request_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [tenant, sub, key, hash],
    );
    if (claimed.rowCount === 0) {
      const { rows } = await this.sql.query<{ request_hash: string; status_code: number | null; response: unknown }>(
        'SELECT request_hash, status_code, response FROM idempotency_keys WHERE tenant = $1 AND caller = $2 AND key = $3',
        [tenant, sub, key],
      );
      const stored = rows[0];
      if (!stored) return this.intercept(context, next); // released in between: claim again
      if (stored.request_hash !== hash) {
        throw new AppError('rule', 'idempotency-key-reused', 'this Idempotency-Key was used for another request');
      }
      if (stored.status_code === null) throw conflict('request-in-progress', 'a request with this Idempotency-Key is in progress');
      res.status(stored.status_code);
      res.setHeader('Idempotent-Replayed', 'true');
      return of(stored.response);
    }
    const release = () =>
      this.sql.query('DELETE FROM idempotency_keys WHERE tenant = $1 AND caller = $2 AND key = $3 AND status_code IS NULL', [
        tenant,
        sub,
        key,
      ]);
    return next.handle().pipe(
      mergeMap((body) =>
        from(
          this.sql
            .query(
              'UPDATE idempotency_keys SET status_code = $4, response = $5::jsonb WHERE tenant = $1 AND caller = $2 AND key = $3',
              [tenant, sub, key, res.statusCode, JSON.stringify(body ?? null)],
            )
            .then(() => body),
        ),
      ),
      catchError((err) => from(release()).pipe(mergeMap(() => throwError(() => err)))),
    );
  }
}
