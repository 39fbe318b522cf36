import { Inject, Injectable, type Type, applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { SqlClient } from '@app/event-store';
import { type Period, ReadModelSync, requireCaughtUp } from '@app/read-models';
import {
  CLOCK,
  type Clock,
  localDate,
  validationError,
  APP_CONFIG,
  type AppConfig,
  SQL_CLIENT,
} from '@app/runtime';
import { DateField } from '../common/dto';
import { ReadQueryDto } from '../common/read-query.dto';
import { toCsv } from './csv';

/** The read models every statistics route reads (libs/read-models/src/statistics). */
export const STATISTICS_PROJECTIONS = ['statistics-cases', 'statistics-volume'] as const;

/**
 * What every statistics route answers: JSON as `model` (a named schema, so the web app's client is
 * typed), or with `Accept: text/csv` a flat CSV.
 */
export function ApiStatisticsOk(model: Type<unknown>, description: string) {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      description,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(model) } },
        'text/csv': {
          schema: { type: 'string', description: 'A flat CSV with a header row (docs/statistics.md §15)' },
        },
      },
    }),
  );
}

/** `?from&to` (both days included) and `?minPosition=`. */
export class StatisticsQueryDto extends ReadQueryDto {
  @DateField({ description: 'The first day of the period (included)', example: '2023-01-01' })
  from!: string;

  @DateField({
    description: 'The last day of the period (included); on or after from',
    example: '2023-12-31',
  })
  to!: string;
}

/** What every statistics route shares: the period, read-your-writes, today, and JSON or CSV. */
@Injectable()
export class StatisticsReader {
  constructor(
    @Inject(SQL_CLIENT) readonly sql: SqlClient,
    private readonly sync: ReadModelSync,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks from ≤ to and waits (bounded) until the statistics have applied `minPosition`; 503 with
   * Retry-After when they are still behind.
   */
  async period(tenant: string, query: StatisticsQueryDto): Promise<Period> {
    if (query.from > query.to) throw validationError([{ field: 'to', message: 'must be on or after from' }]);
    await Promise.all(
      STATISTICS_PROJECTIONS.map((name) => requireCaughtUp(this.sync, name, query.minPosition)),
    );
    return { tenant, from: query.from, to: query.to };
  }

  today(): string {
    return localDate(this.clock.now(), this.config.timeZone);
  }

  /**
   * The JSON body, or with `Accept: text/csv` the same figures as a flat CSV (records from
   * `csvRecords`), already under the same small-numbers rule.
   */
  send<T extends object>(
    req: Request,
    res: Response,
    name: string,
    period: Period,
    body: T,
    csvRecords: (body: T) => object[],
  ): T | string {
    if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') return body;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}-${period.from}-${period.to}.csv"`);
    return toCsv(csvRecords(body));
  }
}
