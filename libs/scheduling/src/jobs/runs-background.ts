import type { ModuleRef } from '@nestjs/core';
import { RUN_BACKGROUND } from '@app/runtime';

/**
 * Whether this process runs the background work (consumers, job processors, schedules): the API
 * by default, apps/worker always. RUN_BACKGROUND is provided, not exported, by the root module.
 */
export function runsBackground(moduleRef: ModuleRef): boolean {
  return moduleRef.get<boolean>(RUN_BACKGROUND, { strict: false }) === true;
}
