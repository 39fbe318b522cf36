import { type DynamicModule, Module, type ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { type HttpLogger, pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { CLOCK, type Clock, type AppConfig, REDACTED_PATHS, validationError } from '@app/runtime';
import { AuthGuard, TOKEN_VERIFIER, createVerifierFromConfig } from './auth/auth.guard';
import { AuditModule } from './audit/audit.module';
import { AdminModule } from './admin/admin.module';
import { CaseWorkModule } from './cases/case-work.module';
import { CasesModule } from './cases/cases.module';
import { MeetingsModule } from './meetings/meetings.module';
import { QueueHttpController } from './queue/queue.http.controller';
import { MeetingsIcsHttpController } from './calendar/meetings-ics.http.controller';
import { CalendarModule } from './calendar/calendar.module';
import { ConsultationsModule } from './consultations/consultations.module';
import { SurveysModule } from './surveys/surveys.module';
import { JobsModule } from './jobs/jobs.module';
import { BackgroundModule } from '@app/scheduling';
import { NotificationsModule } from './notifications/notifications.module';
import type { SqlClient } from '@app/event-store';
import { EtagInterceptor } from './common/etag.interceptor';
import { IdempotencyInterceptor } from './common/idempotency.interceptor';
import { RequestTimeoutInterceptor } from './common/request-timeout.interceptor';
import { HealthController } from './health/health.controller';
import { ProblemFilter } from './common/problem.filter';
import { flattenValidationErrors, keepValidationRules } from './common/validation';
import { ContractValidationPipe } from './common/contract-validation.pipe';
import { AuditInterceptor } from './audit/audit.interceptor';
import { PersonsModule } from './persons/persons.module';
import { StatisticsModule } from './statistics/statistics.module';
import { ClientThrottlerGuard } from './rate-limit/client-throttler.guard';
import { DevSignInModule } from './dev-sign-in/dev-sign-in.module';
import { SignInConfigHttpController } from './auth/sign-in-config/sign-in-config.http.controller';


export interface AppOptions {
  config: AppConfig;
  clock?: Clock;
  /** Where logs go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream;
  /** A store already opened and migrated (the tests' in-memory PGlite), instead of the configured one. */
  sql?: SqlClient;
  /**
   * Run from the TypeScript sources (the tests): the module that compiles them, which the read
   * models' thread requires first (the built service needs none).
   */
  sourceLoader?: string;
}

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/** The request's id: the caller's X-Request-Id when it is a plain token, a new one otherwise. */
export function requestId(given: string | string[] | undefined): string {
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The request log: one line per request with ids, method, path and status, never a body. */
export function httpLogOptions(config: Pick<AppConfig, 'logLevel'>, stream?: NodeJS.WritableStream) {
  return {
    ...(stream ? { stream } : {}),
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // The id Fastify gave the request, set on the Node request by the hook that runs this log
    // (create-app.ts), which the answer names in X-Request-Id.
    genReqId: (req: IncomingMessage & { id?: string }) => req.id ?? requestId(undefined),
    // Paths carry ids only; query strings could carry search terms, so they are dropped.
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url?.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req: IncomingMessage) => req.url?.startsWith('/health') ?? false },
  };
}

/** The request log's token: create-app.ts runs it from a hook of the HTTP server. */
export const REQUEST_LOG = Symbol('REQUEST_LOG');

/**
 * The request log (httpLogOptions) and the application's logger in one: Nest's logger writes
 * through the same pino instance. The request log runs from a Fastify hook rather than as Nest
 * middleware, so nestjs-pino logs no request itself.
 */
export function loggingModule(config: Pick<AppConfig, 'logLevel'>, stream?: NodeJS.WritableStream): DynamicModule {
  const log = pinoHttp(httpLogOptions(config, stream));
  const module = LoggerModule.forRoot({ pinoHttp: { logger: log.logger, autoLogging: false } });
  const provider = { provide: REQUEST_LOG, useValue: log };
  return {
    ...module,
    providers: [...(module.providers ?? []), provider],
    exports: [...(module.exports ?? []), REQUEST_LOG],
  };
}

/** The request log of an application built with loggingModule. */
export type RequestLog = HttpLogger;

/** The contract's validation options: unknown keys refused, bodies turned into their DTO classes. */
export function validationPipeOptions(): ValidationPipeOptions {
  return {
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationError(flattenValidationErrors(errors)),
  };
}

/** Every body and query is checked against its DTO; a field not in it is refused (400, named). */
export function validationPipe(): ValidationPipe {
  keepValidationRules();
  return new ContractValidationPipe(validationPipeOptions());
}

@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        loggingModule(config, options.logStream),
        BackgroundModule.forRoot({
          config,
          clock: options.clock,
          sql: options.sql,
          runBackground: config.projections === 'api',
          // On a PostgreSQL server the read models run on a thread of their own, so that applying
          // a batch of events never holds up the requests on this one.
          ...(config.databaseUrl && !options.sql
            ? { readModelsThread: { loader: options.sourceLoader } }
            : {}),
        }),
        // RATE_LIMIT_PER_MINUTE per client; 0 turns the limit off (the guard is then not installed).
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: 60_000, limit: Math.max(config.rateLimitPerMinute, 1) }],
        }),
        AuditModule,
        CasesModule,
        CaseWorkModule,
        MeetingsModule,
        AdminModule,
        ConsultationsModule,
        SurveysModule,
        PersonsModule,
        StatisticsModule,
        JobsModule,
        NotificationsModule,
        CalendarModule,
        // Development sign-in (GET /api/v1/dev/users, POST /api/v1/dev/token): absent in production and OIDC mode.
        ...DevSignInModule.when(config),
      ],
      controllers: [
        HealthController,
        QueueHttpController,
        MeetingsIcsHttpController,
        SignInConfigHttpController,
      ],
      providers: [
        {
          provide: TOKEN_VERIFIER,
          inject: [CLOCK],
          useFactory: (clock: Clock) => createVerifierFromConfig(config, clock),
        },
        ...(config.rateLimitPerMinute > 0 ? [{ provide: APP_GUARD, useClass: ClientThrottlerGuard }] : []),
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        // Outermost: no request waits for ever (503 after REQUEST_TIMEOUT_MS).
        { provide: APP_INTERCEPTOR, useClass: RequestTimeoutInterceptor },
        // Records every request, replays of an Idempotency-Key and requests cut short included.
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        // Outside the idempotency store: a replayed answer gets its ETag from the stored body, as the
        // first did. A header a handler sets itself would not be replayed: derive it from the body here.
        { provide: APP_INTERCEPTOR, useClass: EtagInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        {
          provide: APP_PIPE,
          useValue: validationPipe(),
        },
      ],
    };
  }
}
