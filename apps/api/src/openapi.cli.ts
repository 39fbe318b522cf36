import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@app/runtime';
import { AppModule } from './app.module';
import { httpAdapter } from './create-app';
import { createOpenApiDocument } from './openapi';

// Writes the OpenAPI document without a database, Redis or network:
//   npm run -s build && node dist/apps/api/src/openapi.cli.js [out.json]   (stdout without a file)
// Preview mode builds the module graph and reads the routes' metadata but instantiates no
// provider, so nothing connects to anything.

/** The document as the service serves it, built in preview mode: no provider runs, nothing connects. */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  // The document does not depend on the environment: the defaults, whatever is set.
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' });
  const app = await NestFactory.create(AppModule.forRoot({ config }), httpAdapter(config), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

export async function writeOpenApiDocument(out?: string): Promise<void> {
  const json = `${JSON.stringify(await buildOpenApiDocument(), null, 2)}\n`;
  if (out) writeFileSync(out, json);
  else process.stdout.write(json);
}

if (require.main === module) {
  writeOpenApiDocument(process.argv[2]).then(
    () => process.exit(0),
    (err: Error) => {
      process.stderr.write(`openapi: ${err.message}\n`);
      process.exit(1);
    },
  );
}
