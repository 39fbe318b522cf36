import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import { type Observable, TimeoutError, catchError, throwError, timeout } from 'rxjs';
import { APP_CONFIG, type AppConfig, AppError } from '@app/runtime';

/**
 * No request waits for ever: one that has not answered within `REQUEST_TIMEOUT_MS` is answered
 * 503 (problem+json, Retry-After) and the handler that overran is logged. The work it started is
 * not undone: a write may still commit, which is why an Idempotency-Key in flight is left for its
 * stale-key recovery rather than released.
 */
@Injectable()
export class RequestTimeoutInterceptor implements NestInterceptor {
  private readonly logger = new Logger('RequestTimeout');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const ms = this.config.requestTimeoutMs;
    return next.handle().pipe(
      timeout({ first: ms }),
      catchError((err: unknown) => {
        if (!(err instanceof TimeoutError)) return throwError(() => err);
        const handler = `${context.getClass().name}.${context.getHandler().name}`;
        this.logger.error({ handler, timeoutMs: ms }, 'request overran its time limit; answered 503');
        return throwError(
          () =>
            new AppError(
              'unavailable',
              'request-timeout',
              `the request did not finish within ${ms} ms; retry later`,
            ),
        );
      }),
    );
  }
}
