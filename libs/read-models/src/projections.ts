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
