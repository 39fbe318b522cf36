export * from './projection';
export * from './cursor';
export * from './cases/case-row';
export * from './cases/cases.projection';
export * from './cases/queue.query';
export * from './meetings/meetings.projection';
export * from './rebuild';

import { casesProjection } from './cases/cases.projection';
import { meetingsProjection } from './meetings/meetings.projection';
import type { Projection } from './projection';
import { deadlinesProjection, noticesProjection } from '@app/scheduling';
import { statisticsCasesProjection } from './statistics/stat-cases.projection';
import { statisticsVolumeProjection } from './statistics/stat-volume.projection';

/** Every read model of the service. */
export const PROJECTIONS: readonly Projection[] = [
  casesProjection,
  meetingsProjection,
  deadlinesProjection,
  noticesProjection,
  statisticsCasesProjection,
  statisticsVolumeProjection,
];
