import { NestFactory } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppOptions, REQUEST_LOG, type RequestLog, requestId } from './app.module';
import type { AppConfig } from '@app/runtime';
import { parseRequestBody } from './common/request-body';
import { createOpenApiDocument } from './openapi';
import { serveWebApp } from './web-app/serve-web-app';

/**
 * Builds the HTTP application, initialised and ready to listen or to be called through its HTTP
 * server; main.ts and the end-to-end tests share it.
 */
export async function createApp(options: AppOptions): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(options),
    httpAdapter(options.config),
    { bufferLogs: true, bodyParser: false, abortOnError: false },
  );
  useHttpPipeline(app, options.config);
  serveWebApp(app.getHttpAdapter().getInstance(), options.config.webDir, (message) => app.get(Logger).warn(message));

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** Nest's Fastify adapter as the API runs it: the body limit, no proxy trusted, our request ids. */
export function httpAdapter(config: Pick<AppConfig, 'bodyLimit'>): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.bodyLimit,
    trustProxy: false,
    // The request log is nestjs-pino's (app.module.ts); Fastify's own logger stays off.
    logger: false,
    genReqId: (req: IncomingMessage) => requestId(req.headers['x-request-id']),
    routerOptions: { ignoreTrailingSlash: true },
  });
}

/** What every request passes before its route: the request log, security headers, the JSON body, CORS. */
export function useHttpPipeline(
  app: NestFastifyApplication,
  config: Pick<AppConfig, 'corsOrigins' | 'oidcIssuer' | 'nodeEnv'>,
): void {
  app.useLogger(app.get(Logger));
  const requestLog = app.get<RequestLog>(REQUEST_LOG);
  // The web app talks to this origin and, signed in through OIDC, to the identity provider (token
  // requests, and silent renewal in a hidden frame).
  const idp = config.oidcIssuer ? [new URL(config.oidcIssuer).origin] : [];
  app.useSecurityHeaders({
    contentSecurityPolicy: {
      directives: {
        'connect-src': ["'self'", ...idp],
        'frame-src': ["'self'", ...idp],
        // Outside production the service is reached over plain http (localhost): upgrading the
        // identity provider's redirect back to https would break silent renewal.
        ...(config.nodeEnv === 'production' ? {} : { 'upgrade-insecure-requests': null }),
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Every answer names its request (the id the log and the request's events carry) and is logged
  // when it ends; the request log reads the id from the Node request.
  fastify.addHook('onRequest', (req, reply, done) => {
    (req.raw as { id?: string }).id = req.id;
    reply.raw.setHeader('X-Request-Id', req.id);
    requestLog(req.raw, reply.raw);
    done();
  });
  // Every body is read raw (up to the limit) and then parsed by one function: JSON only (415
  // otherwise), no prototype keys, bounded depth. Its errors go to the exception filter.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => {
    try {
      done(null, parseRequestBody(body as Buffer, req.headers['content-type']));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins });
}
