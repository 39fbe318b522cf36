import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
  type Type,
  applyDecorators,
} from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { type HttpReply, type HttpRequest, preferredType } from '../common/http';
import type { SqlClient } from '@app/event-store';
import {
  type Period,
  type Presentation,
  ReadModelSync,
  SmallNumbers,
  StatisticsAnswers,
  SuppressionThread,
  requireCaughtUp,
} from '@app/read-models';
import type { Principal } from '@app/security';
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

/** What every statistics route's OpenAPI description says of compareFrom and compareTo. */
export const COMPARE_DOC =
  ' §17 Comparison: with compareFrom and compareTo (both or neither, compareFrom ≤ compareTo) the answer adds ' +
  '`compare`, the same figures for that period; for a manager both periods are masked as one report, so no ' +
  '"<5" of one comes back from the other.';

/** `?from&to` (both days included) and `?minPosition=`. */
export class StatisticsQueryDto extends ReadQueryDto {
  @DateField({ description: 'The first day of the period (included)', example: '2023-01-01' })
  from!: string;

  @DateField({
    description: 'The last day of the period (included); on or after from',
    example: '2023-12-31',
  })
  to!: string;

  @DateField({
    optional: true,
    description:
      'The first day of a second period to compare with (included); with compareTo. The answer adds `compare`, ' +
      'the same figures for it (docs/statistics.md §17)',
    example: '2022-01-01',
  })
  compareFrom?: string;

  @DateField({
    optional: true,
    description: 'The last day of the second period (included); with compareFrom, on or after it',
    example: '2022-12-31',
  })
  compareTo?: string;
}

/** An error's class and code for the log: never its message, which could quote a value. */
function errorKind(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return `${error instanceof Error ? error.name : 'error'}${code ? ` ${String(code)}` : ''}`;
}

/** The period asked for and, with compareFrom and compareTo, the period to compare with. */
export interface Periods {
  period: Period;
  compare?: Period;
}

/**
 * What every statistics route shares: the period, read-your-writes, today, the answers kept between
 * requests, and JSON or CSV.
 */
@Injectable()
export class StatisticsReader implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('StatisticsAnswers');
  private readonly answers: StatisticsAnswers;
  private readonly thread = new SuppressionThread();

  constructor(
    @Inject(SQL_CLIENT) readonly sql: SqlClient,
    private readonly sync: ReadModelSync,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.answers = new StatisticsAnswers(sql, {
      onRefreshFailed: (error) =>
        this.logger.warn(
          `A kept statistics answer could not be computed again (${errorKind(error)}); it is computed on its next request`,
        ),
    });
  }

  onModuleInit(): void {
    this.answers.start(this.config.statisticsRefreshSeconds * 1000);
  }

  async onModuleDestroy(): Promise<void> {
    await this.answers.stop();
    await this.thread.close();
  }

  /**
   * A route's answer for the caller: `compute`, given how to present figures to the caller (masked for
   * a manager, §14, on the suppression thread) and today, or the answer kept from an earlier request
   * while the torg's statistics have not changed since (StatisticsAnswers). `inputs` are whatever
   * else the answer depends on (a breakdown, an insats, a setting); the periods, the role and today
   * are part of it already.
   */
  answer<T>(
    caller: Principal,
    route: string,
    periods: Periods,
    inputs: Record<string, string | number | null | undefined>,
    compute: (presentation: Presentation, today: string) => Promise<T>,
  ): Promise<T> {
    const { masked } = SmallNumbers.for(caller);
    const { period, compare } = periods;
    const today = localDate(this.clock.now(), this.config.timeZone);
    const key = JSON.stringify([
      route,
      masked,
      period.from,
      period.to,
      compare?.from ?? null,
      compare?.to ?? null,
      today,
      Object.entries(inputs).sort(([a], [b]) => (a < b ? -1 : 1)),
    ]);
    return this.answers.answer(caller.tenant, key, () => compute(this.thread.presentation(masked), today));
  }

  /**
   * Checks from ≤ to (and compareFrom ≤ compareTo, both or neither) and waits (bounded) until the
   * statistics have applied `minPosition`; 503 with Retry-After when they are still behind.
   */
  async periods(tenant: string, query: StatisticsQueryDto): Promise<Periods> {
    const errors: { field: string; message: string }[] = [];
    if (query.from > query.to) errors.push({ field: 'to', message: 'must be on or after from' });
    const { compareFrom, compareTo } = query;
    if (compareFrom !== undefined && compareTo === undefined)
      errors.push({ field: 'compareTo', message: 'is required with compareFrom' });
    else if (compareFrom === undefined && compareTo !== undefined)
      errors.push({ field: 'compareFrom', message: 'is required with compareTo' });
    else if (compareFrom !== undefined && compareTo !== undefined && compareFrom > compareTo)
      errors.push({ field: 'compareTo', message: 'must be on or after compareFrom' });
    if (errors.length > 0) throw validationError(errors);
    await Promise.all(
      STATISTICS_PROJECTIONS.map((name) => requireCaughtUp(this.sync, name, query.minPosition)),
    );
    return {
      period: { tenant, from: query.from, to: query.to },
      ...(compareFrom !== undefined && compareTo !== undefined
        ? { compare: { tenant, from: compareFrom, to: compareTo } }
        : {}),
    };
  }

  /**
   * A route's report of the period (and of the comparison period) presented for the caller, through
   * `answer`: most routes are just this.
   */
  present<R, B>(
    caller: Principal,
    route: string,
    periods: Periods,
    inputs: Record<string, string | number | null | undefined>,
    query: (period: Period, today: string) => Promise<R>,
    present: (report: R, small: SmallNumbers, compare?: R) => B,
  ): Promise<B> {
    return this.answer(caller, route, periods, inputs, async (presentation, today) => {
      const [report, compare] = await this.reports(periods, (p) => query(p, today));
      return presentation((small) => present(report, small, compare));
    });
  }

  /** The report of the period and, when asked for, of the period to compare with. */
  async reports<R>(periods: Periods, report: (period: Period) => Promise<R>): Promise<[R, R | undefined]> {
    return Promise.all([report(periods.period), periods.compare ? report(periods.compare) : undefined]);
  }

  /**
   * The JSON body, or with `Accept: text/csv` the same figures as a flat CSV (records from
   * `csvRecords`, those of the compared period after them), already under the same small-numbers rule.
   */
  send<T extends object>(
    req: HttpRequest,
    res: HttpReply,
    name: string,
    periods: Periods,
    body: T & { compare?: T },
    csvRecords: (body: T) => object[],
  ): (T & { compare?: T }) | string {
    if (preferredType(req, ['application/json', 'text/csv']) !== 'text/csv') return body;
    const { period, compare: second } = periods;
    const { compare, ...main } = body;
    const file = `${name}-${period.from}-${period.to}${second ? `-${second.from}-${second.to}` : ''}.csv`;
    res.header('Content-Type', 'text/csv; charset=utf-8');
    res.header('Content-Disposition', `attachment; filename="${file}"`);
    return toCsv([...csvRecords(main as T), ...(compare ? csvRecords(compare) : [])]);
  }
}
