import { type DynamicModule, Module } from '@nestjs/common';
import { ReadModelsModule } from '@app/read-models';
import { RuntimeModule, type RuntimeOptions } from '@app/runtime';
import { SecurityModule } from '@app/security';
import { WriteModule } from '@app/write';
import { SchedulingModule } from './scheduling.module';

/**
 * Everything but HTTP: the store, the write path, the read models' consumers, the reactors and
 * the job queue. apps/api builds on it (running the consumers itself by default); apps/worker is it.
 */
@Module({})
export class BackgroundModule {
  static forRoot(options: RuntimeOptions): DynamicModule {
    return {
      module: BackgroundModule,
      imports: [RuntimeModule.forRoot(options), SecurityModule, WriteModule, ReadModelsModule, SchedulingModule],
    };
  }
}
