import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { APP_PIPE, NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { loggingModule, validationPipe } from '../apps/api/src/app.module';
import { InitiateCaseDto } from '../apps/api/src/cases/initiate-case/initiate-case.dto';
import { httpAdapter, useHttpPipeline } from '../apps/api/src/create-app';

// The floor under the HTTP workloads of bench/http.bench.ts: what answering an initiation costs on
// this machine before the service does any work of its own. Started as a child process by the
// bench, with the mode as its argument and PORT in the environment:
//
//   node   node:http alone: read the body, parse the JSON, answer 201 with an id
//   nest   the API's own HTTP pipeline (the same adapter, request log, security headers, JSON body parser and
//          validation of the initiation's DTO), answering 201 with an id: no token check, no
//          audit entry, no database, no encryption
//
// Whatever the service does for an initiation comes on top of the second.

let position = 0;
const answer = () => ({ id: randomUUID(), version: 1, position: ++position });

@Controller('api/v1/cases')
class FloorController {
  @Post()
  @HttpCode(201)
  initiate(@Body() _body: InitiateCaseDto) {
    return answer();
  }
}

@Module({
  imports: [loggingModule({ logLevel: 'info' })],
  controllers: [FloorController],
  providers: [{ provide: APP_PIPE, useValue: validationPipe() }],
})
class FloorModule {}

async function main(): Promise<void> {
  const mode = process.argv[2];
  const port = Number(process.env.PORT);
  if (mode === 'node') {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          res.writeHead(400).end();
          return;
        }
        const body = JSON.stringify(answer());
        res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    server.keepAliveTimeout = 60_000;
    server.listen(port, '127.0.0.1');
  } else if (mode === 'nest') {
    const app = await NestFactory.create<NestFastifyApplication>(FloorModule, httpAdapter({ bodyLimit: 100 * 1024 }), {
      bufferLogs: true,
      bodyParser: false,
    });
    useHttpPipeline(app, {
      corsOrigins: [],
      oidcIssuer: undefined,
      nodeEnv: 'production',
    });
    await app.listen(port, '127.0.0.1');
  } else {
    throw new Error('mode must be node or nest');
  }
  // An exit of its own, so that --cpu-prof writes its profile.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(0));
  process.stdout.write(`floor (${mode}) listening on ${port}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`floor server failed: ${err.message}\n`);
  process.exit(1);
});
