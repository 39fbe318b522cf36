import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MinPositionField } from '../common/read-query.dto';
import { PARTIES } from '@app/case-domain';
import {
  QUEUE_BUCKETS,
  type QueueBucket,
  decodeCursor,
  queryQueue,
  ReadModelSync,
  requireCaughtUp,
} from '@app/read-models';
import {
  CLOCK,
  type Clock,
  localDate,
  APP_CONFIG,
  type AppConfig,
  validationError,
  SQL_CLIENT,
  forbidden,
} from '@app/runtime';
import type { Principal } from '@app/security';
import type { SqlClient } from '@app/event-store';
import { Allow, Caller } from '../auth/auth.guard';
import { CaseAccess } from '@app/security';
import { CaseService } from '@app/write';
import { ListQueryDto } from '../common/list-query.dto';
import { StorableText } from '../common/dto';
import { ApiAuthenticated, ApiProblems } from '../common/api-docs';
import { QueueAnswer } from './queue.response';

/** How far ahead FOLLOW_UP_DUE looks: follow-ups due within these days, or overdue. */
const FOLLOW_UP_WINDOW_DAYS = 14;

export class QueueQueryDto extends ListQueryDto {
  @MinPositionField()
  minPosition?: number;

  @ApiPropertyOptional({ enum: QUEUE_BUCKETS })
  @IsOptional()
  @IsIn(QUEUE_BUCKETS as unknown as string[], { message: `must be one of ${QUEUE_BUCKETS.join(', ')}` })
  bucket?: QueueBucket;

  @ApiPropertyOptional({ enum: PARTIES, description: 'Cases that name this party' })
  @IsOptional()
  @IsIn(PARTIES as unknown as string[], { message: `must be one of ${PARTIES.join(', ')}` })
  party?: string;

  @ApiPropertyOptional({ description: 'Cases whose ärendebärare is this user' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/\S/)
  @StorableText()
  owner?: string;
}

@ApiTags('queue')
@ApiAuthenticated()
@Controller('api/v1/queue')
export class QueueHttpController {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly cases: CaseService,
    private readonly access: CaseAccess,
    private readonly sync: ReadModelSync,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiProblems(400)
  @ApiOkResponse({ type: QueueAnswer, description: 'A page of tasks, overdue first' })
  @Allow('processledare')
  @ApiOperation({
    operationId: 'listQueue',
    summary: 'The processledare’s work queue',
    description:
      'One item per task: a case appears in every bucket that applies. NEW: submitted, to accept or return (R5). ' +
      'AWAITING_BEREDNING: accepted, no decision yet, with its next meeting if planned (R6). AWAITING_SIP: a SIP requested ' +
      'or booked (R8). INSATS_DEADLINE: no insats started; days left of the 90 (R7), negative when passed. FOLLOW_UP_DUE: ' +
      'the next follow-up is due within 14 days or overdue (R10, R14). STAGNANT: no activity for the tenant’s stagnation ' +
      'weeks (R16). CONSENT_EXPIRING: the consent ends within the tenant’s days. AGE_LIMIT: R17. Sorted by due date, ' +
      'overdue first; days are counted from business dates and today’s date.',
  })
  async queue(@Caller() caller: Principal, @Query() query: QueueQueryDto) {
    // The queue lists every case of the tenant unfiltered: only a caller the access policy lets see every case may read it.
    if (!this.access.seesEveryCase(caller)) throw forbidden('the queue lists every case of the tenant');
    if (query.cursor && !decodeCursor(query.cursor))
      throw validationError([{ field: 'cursor', message: 'is not a cursor from this list' }]);
    await requireCaughtUp(this.sync, 'cases', query.minPosition);
    const settings = (await this.cases.tenantState(caller.tenant)).settings;
    return queryQueue(this.sql, {
      tenant: caller.tenant,
      today: localDate(this.clock.now(), this.config.timeZone),
      followUpGraceDays: settings.followUpGraceDays,
      followUpWindowDays: FOLLOW_UP_WINDOW_DAYS,
      stagnationWeeks: settings.stagnationWeeks,
      consentExpiringDays: settings.consentExpiringDays,
      bucket: query.bucket,
      party: query.party,
      owner: query.owner,
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
  }
}
