import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SqlClient } from '@app/event-store';
import {
  cursorFields,
  encodeCursor,
  pageAndTotalSql,
  pageRows,
  CLOCK,
  type Clock,
  localDate,
  APP_CONFIG,
  type AppConfig,
  validationError,
  SQL_CLIENT,
} from '@app/runtime';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { caseVisibleSql } from '@app/security';
import { ListQueryDto } from '../../common/list-query.dto';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';
import { ListNotificationsAnswer } from './list-notifications.response';

export class ListNotificationsQueryDto extends ListQueryDto {}

interface Cursor {
  p: number;
  i: string;
}

// A notice's id as noticeId writes it: `n-<position>-<party>`.
const NOTICE_ID = /^n-\d{1,19}-[A-Z_]{1,64}$/;

/** A cursor this list gave out, or undefined: every part is checked before it reaches SQL. */
function decodeCursor(raw: string): Cursor | undefined {
  const c = cursorFields(raw);
  return c &&
    Number.isSafeInteger(c.p) &&
    (c.p as number) >= 0 &&
    typeof c.i === 'string' &&
    NOTICE_ID.test(c.i)
    ? { p: c.p as number, i: c.i }
    : undefined;
}

@ApiTags('notifications')
@ApiAuthenticated()
@Controller('api/v1/notifications')
export class ListNotificationsHttpController {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiProblems(400)
  @ApiOkResponse({ type: ListNotificationsAnswer, description: 'A page of notices, newest first' })
  @Allow('handlaggare', 'beredning', 'system', 'processledare')
  @ApiOperation({
    operationId: 'listNotifications',
    summary: 'Notices to the caller’s party, newest first',
    description:
      'A notice goes to the case owner’s party and the initiating party when a deadline becomes due or is missed ' +
      '(FOLLOW_UP_DUE, FOLLOW_UP_OVERDUE, INSATS_DEADLINE_MISSED, CONSENT_EXPIRED, CASE_STAGNANT, AGE_LIMIT), a SIP is ' +
      'booked (SIP_BOOKED) or a case is returned (CASE_RETURNED). Parties with a webhook also get them there. A ' +
      'processledare without a party sees the whole tenant’s. Only notices of the cases the caller may see now (the case access policy), in the list and at the webhook. Case id and kind only: no personal data.',
  })
  async list(@Caller() caller: Principal, @Query() query: ListNotificationsQueryDto) {
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (query.cursor && !cursor)
      throw validationError([{ field: 'cursor', message: 'is not a cursor from this list' }]);
    const limit = query.limit ?? 50;
    const params: unknown[] = [caller.tenant];
    let where = 'tenant = $1';
    if (caller.party) {
      params.push(caller.party);
      where += ` AND party = $${params.length}`;
    }
    // The access policy (DOMAIN.md §10): the notices of the cases the caller may see, by the same
    // rules as a case read (canSeeCase), today.
    if (!caller.roles.includes('processledare')) {
      const today = localDate(this.clock.now(), this.config.timeZone);
      where += ` AND EXISTS (SELECT 1 FROM rm_cases c WHERE c.tenant = notifications.tenant AND c.case_id = notifications.case_id
                               AND ${caseVisibleSql(caller, today, 'c', params)})`;
    }
    let after = 'true';
    if (cursor) {
      params.push(cursor.p, cursor.i);
      after = `(position, id) < ($${params.length - 1}::bigint, $${params.length})`;
    }
    params.push(limit + 1);
    // Notices and the cases they are visible through are written all the time: the total and the
    // page come from one statement.
    const result = await this.sql.query<{
      total: number;
      id: string | null;
      case_id: string;
      kind: string;
      party: string;
      occurred_on: string;
      position: number;
      created_at: string;
    }>(
      pageAndTotalSql({
        with: `visible AS (SELECT id, case_id, kind, party, occurred_on, position, created_at FROM notifications WHERE ${where})`,
        count: 'SELECT count(*)::int FROM visible',
        page: `SELECT * FROM visible WHERE ${after} ORDER BY position DESC, id DESC LIMIT $${params.length}`,
        columns: `page.id, page.case_id, page.kind, page.party, page.occurred_on, page.position,
                  to_char(page.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at`,
        orderBy: 'page.position DESC, page.id DESC',
      }),
      params,
    );
    const { total, rows: found } = pageRows(result.rows, 'id');
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        caseId: r.case_id,
        kind: r.kind,
        party: r.party,
        occurredOn: r.occurred_on,
        createdAt: r.created_at,
      })),
      total,
      nextCursor: found.length > limit && last ? encodeCursor({ p: last.position, i: last.id }) : null,
    };
  }
}
