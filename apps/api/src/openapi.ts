import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Problem } from './common/api-docs';

/**
 * The OpenAPI document of the service: served at /api/docs-json (create-app.ts) and written by
 * openapi.cli.ts from the same function, so the web app's generated client and the served
 * document cannot differ.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Case coordination for Jobbtorg / Arbetsmarknadstorget')
    .setDescription(
      'Individärenden from consent to closure, the beredningsgrupp, SIP, insatser, follow-ups and statistics. ' +
        'Errors are application/problem+json (RFC 9457).',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config, {
    extraModels: [Problem],
    // Operation ids are set on each route (@ApiOperation); this names any that is not.
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/HttpController$|Controller$/, '')}_${methodKey}`,
  });
}
