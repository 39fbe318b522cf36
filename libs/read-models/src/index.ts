export * from '@app/runtime';
export * from './cases/case-row';
export * from './cases/cases.projection';
export * from './queue/queue.query';
export * from './meetings/meetings.projection';
export * from './rebuild';
export * from './schemas';

import { casesProjection } from './cases/cases.projection';
import { meetingsProjection } from './meetings/meetings.projection';
import type { Projection } from '@app/event-store';
import { deadlinesProjection } from './deadlines/deadlines.projection';
import { noticesProjection } from './notices/notices.projection';
import { statisticsCasesProjection } from './statistics/cases/stat-cases.projection';
import { statisticsVolumeProjection } from './statistics/volume/stat-volume.projection';

/** Every read model of the service. */
export const PROJECTIONS: readonly Projection[] = [
  casesProjection,
  meetingsProjection,
  deadlinesProjection,
  noticesProjection,
  statisticsCasesProjection,
  statisticsVolumeProjection,
];
export * from './read-model-sync';
export * from './meetings/list-meetings.query';
export * from './statistics/small-numbers';
export * from './statistics/period';
export * from './statistics/queries/case-outcomes.query';
export * from './statistics/queries/closing-survey.query';
export * from './statistics/queries/follow-ups.query';
export * from './statistics/queries/initiating-parties.query';
export * from './statistics/queries/lead-times.query';
export * from './statistics/queries/participants.query';
export * from './statistics/queries/progression.query';
export * from './statistics/queries/sips.query';
export * from './deadlines/deadlines.projection';
export * from './notices/notices.projection';
