import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type HttpReply, type HttpRequest, preferredType } from '../../common/http';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { validationError } from '@app/runtime';
import { type AuditItem, AuditLog, decodeAuditCursor } from '@app/security';
import { ListAuditQueryDto } from './list-audit.dto';
import { ApiAuthenticated, ApiOkJsonOr, ApiProblems } from '../../common/api-docs';
import { ListAuditAnswer } from './list-audit.response';

const CSV_COLUMNS: (keyof AuditItem)[] = [
  'at',
  'actor',
  'roles',
  'party',
  'action',
  'route',
  'status',
  'caseId',
  'personId',
  'requestId',
];

/** One CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined ? '' : Array.isArray(value) ? value.join(' ') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsv(items: AuditItem[]): string {
  return (
    [CSV_COLUMNS.join(','), ...items.map((i) => CSV_COLUMNS.map((c) => csvCell(i[c])).join(','))].join(
      '\r\n',
    ) + '\r\n'
  );
}

@ApiTags('admin')
@ApiAuthenticated()
@Controller('api/v1/admin/audit')
export class ListAuditHttpController {
  constructor(private readonly log: AuditLog) {}

  @Get()
  @ApiProblems(400)
  @ApiOkJsonOr(
    ListAuditAnswer,
    { 'text/csv': 'Every match as CSV (Accept: text/csv), with a header row' },
    'A page of entries, newest first',
  )
  @Allow('admin')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    operationId: 'listAudit',
    summary: 'The audit log: who read or wrote which case or person’s data, when and through which route',
    description:
      'Newest first. Filters: caseId, actor (the token’s sub), from and to (dates are the tenant’s local days, both ' +
      'inclusive; instants are exact). JSON pages with limit and cursor; `Accept: text/csv` exports every match. ' +
      'The log holds ids and codes only, never personal data, and cannot be changed or deleted.',
  })
  async list(
    @Caller() caller: Principal,
    @Query() query: ListAuditQueryDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ) {
    if (query.cursor && !decodeAuditCursor(query.cursor))
      throw validationError([{ field: 'cursor', message: 'is not a cursor from this list' }]);
    if (query.from && query.to && query.from > query.to && query.from.length === query.to.length) {
      throw validationError([{ field: 'to', message: 'must not be before from' }]);
    }
    res.header('Cache-Control', 'no-store');
    const csv = preferredType(req, ['application/json', 'text/csv']) === 'text/csv';
    const page = await this.log.query({
      tenant: caller.tenant,
      caseId: query.caseId?.toLowerCase(),
      actor: query.actor,
      from: query.from,
      to: query.to,
      limit: csv ? Infinity : (query.limit ?? 50),
      cursor: csv ? undefined : query.cursor,
    });
    if (!csv) return page;
    res.type('text/csv; charset=utf-8');
    res.header('Content-Disposition', 'attachment; filename="audit.csv"');
    return auditCsv(page.items);
  }
}
