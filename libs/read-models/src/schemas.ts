import { join } from 'node:path';
import { type Projection, type ReadModelSchema, type SqlClient, migrate } from '@app/event-store';
import { casesProjection } from './cases/cases.projection';
import { deadlinesProjection } from './deadlines/deadlines.projection';
import { meetingsProjection } from './meetings/meetings.projection';
import { noticesProjection } from './notices/notices.projection';
import { statisticsCasesProjection } from './statistics/cases/stat-cases.projection';
import { statisticsVolumeProjection } from './statistics/volume/stat-volume.projection';

/** `file` beside this one (in the sources under jest, in dist once built: the build copies .sql files). */
const schema = (projection: Projection, file: string, oldLayoutChecksum: string): ReadModelSchema => ({
  name: projection.name,
  tables: projection.tables,
  file: join(__dirname, file),
  oldLayoutChecksum,
});

/**
 * Every read model's tables, for migrate(). The checksums are of the files as they were when they
 * took over from the versioned migrations 004, 005, 006, 010 and 011; never change them: a changed
 * file has its tables recreated and rebuilt from the events on every database, old layout or not.
 */
export const READ_MODEL_SCHEMAS: readonly ReadModelSchema[] = [
  schema(
    casesProjection,
    'cases/cases.sql',
    '713d71f168ab2ed17d9504773b2e24a8e33981256e46a26f138d6b576ec72aab',
  ),
  schema(
    meetingsProjection,
    'meetings/meetings.sql',
    'a423b841ed4ae942e7c1aadd63d3d3b46edf47b5e583c242606fbc308cb8c3e9',
  ),
  schema(
    deadlinesProjection,
    'deadlines/deadlines.sql',
    '969d855acc8f3b36da22c2624bc8afb977f0099d8da0c607c0ea8497e8c47528',
  ),
  schema(
    noticesProjection,
    'notices/notices.sql',
    '9f71f28e1d6052196d95517fb4c4cc0cbbb97318bbd0eae96e8b43b1adbc33fe',
  ),
  schema(
    statisticsCasesProjection,
    'statistics/cases/stat-cases.sql',
    '19e14058ee258933d837ed85677db3f7c3c0f4027244b9f90ee95da7b17ab09b',
  ),
  schema(
    statisticsVolumeProjection,
    'statistics/volume/stat-volume.sql',
    'b45d218811f02394985b0e2bdc8471effe63a8313d641725eab7c3e165a4495a',
  ),
];

/** The store's migrations and every read model's tables: what the service and its tools apply. */
export function migrateAll(sql: SqlClient): Promise<string[]> {
  return migrate(sql, { readModels: READ_MODEL_SCHEMAS });
}
