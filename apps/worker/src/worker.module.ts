import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { type AppConfig, type Clock, REDACTED_PATHS } from '@app/runtime';
import { BackgroundModule } from '@app/scheduling';

export interface WorkerOptions {
  config: AppConfig;
  clock?: Clock;
}

/** The background process: every consumer, reactor and job processor, and no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: { level: options.config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
        }),
        BackgroundModule.forRoot({ config: options.config, clock: options.clock, runBackground: true }),
      ],
    };
  }
}
