import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppOptions } from './app.module';
import type { AppConfig } from '@app/runtime';
import { bodyErrorHandler, jsonBody } from './common/problem.filter';
import { createOpenApiDocument } from './openapi';
import { serveWebApp } from './web-app/serve-web-app';

/** Builds the HTTP application; main.ts and the end-to-end tests share it. */
export async function createApp(options: AppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  useHttpPipeline(app, options.config);
  app.use(serveWebApp(options.config.webDir, (message) => app.get(Logger).warn(message)));

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

/** What every request passes before its route: logger, security headers, the JSON body, CORS. */
export function useHttpPipeline(
  app: NestExpressApplication,
  config: Pick<AppConfig, 'bodyLimit' | 'corsOrigins' | 'oidcIssuer' | 'nodeEnv'>,
): void {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // The web app talks to this origin and, signed in through OIDC, to the identity provider (token
  // requests, and silent renewal in a hidden frame).
  const idp = config.oidcIssuer ? [new URL(config.oidcIssuer).origin] : [];
  app.use(
    helmet({
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
    }),
  );
  // Every body is read raw (up to the limit) and then parsed by one function: JSON only (415
  // otherwise), no prototype keys, bounded depth.
  app.use(express.raw({ limit: config.bodyLimit, type: () => true }));
  app.use(bodyErrorHandler);
  app.use(jsonBody);
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins });
}
