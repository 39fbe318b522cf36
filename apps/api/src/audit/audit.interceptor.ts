import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { type HttpReply, requestPath } from '../common/http';
import { type Observable, catchError, finalize, from, map, mergeMap, throwError } from 'rxjs';
import { CLOCK, type Clock } from '@app/runtime';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { toProblem } from '../common/problem.filter';
import { type AuditEntry, AuditLog, AuditScope, runInAuditScope, unwritten } from '@app/security';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AUDIT_ACTION = 'auditAction';

/** Names a route's action in the audit log; by default the slice and handler (`get-case.history`). */
export const AuditAction = (action: string) => SetMetadata(AUDIT_ACTION, action);

/**
 * The one place that writes the audit log: every authenticated request, with who (sub, roles,
 * party), what (action, route, status) and about whom (each case and person it read or wrote, as
 * noted by the services that load cases and open or seal personal data). A write carries the
 * entry as it would be on success into the database with its events (`entriesOfWrite`), committed
 * in the same transaction; when the request ends, what it says then and the write's entry did not
 * say (another case, another status) is written in a statement of its own. If it cannot be
 * written the request fails (500) rather than go unrecorded. Requests refused before a handler
 * runs (no or bad token, a role not allowed, rate limited) touch no data and are not recorded here.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly log: AuditLog,
    private readonly reflector: Reflector,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthenticatedRequest & { id?: unknown }>();
    const res = context.switchToHttp().getResponse<HttpReply>();
    if (!req.principal) return next.handle();
    const scope = new AuditScope();
    let recorded = false;
    const write = (status: number, body: unknown) => {
      recorded = true;
      const entries = this.entries(context, req, scope, status, body);
      // Those written with the request's write, in its transaction, are not written again.
      return this.log.record(scope.written ? unwritten(entries, scope.written) : entries);
    };
    scope.onSuccess = () => this.entries(context, req, scope, this.successStatus(context, res), undefined);
    return runInAuditScope(scope, () => next.handle()).pipe(
      mergeMap((body) => from(write(this.successStatus(context, res), body)).pipe(map(() => body))),
      catchError((err: unknown) =>
        from(write(toProblem(err).status, undefined)).pipe(mergeMap(() => throwError(() => err))),
      ),
      // Cut short by the request time limit: answered 503 already, and still recorded, with what it touched so far.
      finalize(() => {
        if (!recorded)
          void write(503, undefined).catch((err: unknown) =>
            this.logger.error(
              { err: { name: (err as Error)?.name } },
              'audit entry of a request cut short not written',
            ),
          );
      }),
    );
  }

  private successStatus(context: ExecutionContext, res: HttpReply): number {
    // Nest applies @HttpCode after the interceptors; an explicit status (a replay) is already set.
    if (res.statusCode !== 200) return res.statusCode;
    const declared = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());
    return (
      declared ?? (context.switchToHttp().getRequest<{ method: string }>().method === 'POST' ? 201 : 200)
    );
  }

  private entries(
    context: ExecutionContext,
    req: AuthenticatedRequest & { id?: unknown },
    scope: AuditScope,
    status: number,
    body: unknown,
  ): AuditEntry[] {
    const principal = req.principal!;
    const pattern = req.routeOptions?.url ?? requestPath(req);
    const base = {
      at: this.clock.now(),
      tenant: principal.tenant,
      actor: principal.sub,
      roles: principal.roles,
      ...(principal.party ? { party: principal.party } : {}),
      action: this.action(context),
      route: `${req.method} ${pattern}`,
      status,
      ...(req.id !== undefined ? { requestId: String(req.id) } : {}),
    };
    const subjects: { caseId?: string; personId?: string }[] = [...scope.cases].map(([caseId, personId]) => ({
      caseId,
      personId,
    }));
    const covered = new Set(subjects.map((s) => s.personId));
    // A case route names its case even when the caller may not see it (a 404 is recorded with the id tried).
    const routeCase = subjects.length === 0 ? this.routeCase(pattern, req, body) : undefined;
    for (const personId of scope.persons) {
      if (!covered.has(personId)) subjects.push({ ...(routeCase ? { caseId: routeCase } : {}), personId });
    }
    if (subjects.length === 0) subjects.push(routeCase ? { caseId: routeCase } : {});
    return subjects.map((s) => ({ ...base, ...s }));
  }

  private routeCase(pattern: string, req: AuthenticatedRequest, body: unknown): string | undefined {
    if (!pattern.startsWith('/api/v1/cases')) return undefined;
    const id = req.params?.id ?? (body as { id?: unknown } | undefined)?.id;
    return typeof id === 'string' && UUID.test(id) ? id.toLowerCase() : undefined;
  }

  private action(context: ExecutionContext): string {
    const named = this.reflector.get<string | undefined>(AUDIT_ACTION, context.getHandler());
    if (named) return named;
    const slice = context
      .getClass()
      .name.replace(/HttpController$|Controller$/, '')
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .toLowerCase();
    return `${slice}.${context
      .getHandler()
      .name.replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .toLowerCase()}`;
  }
}
