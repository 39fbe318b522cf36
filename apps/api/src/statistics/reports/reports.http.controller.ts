import { Controller, Get, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { type HttpReply, type HttpRequest, preferredType } from '../../common/http';
import type { Principal } from '@app/security';
import { participantsReport, presentParticipantsReport } from '@app/read-models';
import { Allow, Caller } from '../../auth/auth.guard';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';
import { toCsv } from '../csv';
import { COMPARE_DOC, StatisticsQueryDto, StatisticsReader } from '../statistics.reader';
import { type ReportDocument } from './report-document';
import { ParticipantsReportDocument } from './report-document.response';
import { participantsReportDocument } from './participants-report';
import { renderReportHtml } from './render-html';
import { renderReportXlsx } from './render-xlsx';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FORMATS = ['application/json', 'text/csv', 'text/html', XLSX];

/** One CSV line per table and row, the comparison period's lines after them (§15). */
function reportCsv(doc: ReportDocument): string {
  const lines = (period: 'values' | 'compare') =>
    doc.tables.flatMap((table) =>
      table.rows.map((row) => ({
        table: table.key,
        from: period === 'values' ? doc.period.from : doc.compare!.from,
        to: period === 'values' ? doc.period.to : doc.compare!.to,
        code: row.code,
        name: row.label,
        ...Object.fromEntries(table.columns.map((c) => [c.key, row[period]?.[c.key] ?? null])),
      })),
    );
  return toCsv([...lines('values'), ...(doc.compare ? lines('compare') : [])]);
}

@ApiTags('statistics')
@ApiAuthenticated()
@ApiExtraModels(ParticipantsReportDocument)
@Controller('api/v1/reports')
export class ReportsHttpController {
  constructor(private readonly reader: StatisticsReader) {}

  @Get('participants')
  @ApiProblems(400, 503)
  @Allow('manager', 'processledare')
  @ApiOperation({
    operationId: 'getParticipantsReport',
    summary:
      'The förbund’s report: deltagare and utfall per insats, this period beside the comparison period',
    description:
      'Definitions: docs/statistics.md §22 Reports, built on §1–§5 (participants). The table per insats boards get ' +
      'in the delårsrapport and annual report — kvinnor, män, deltagare, varav nya, avslutade, volyminsatser; ' +
      'avslutade by outcome with arbete eller studier and its share — with the row sum and unique persons. ' +
      'By Accept: JSON (the report as a document of tables, columns, rows, definitions), CSV (one line per table ' +
      'and row), a printable HTML page (print styles, the definitions as footnotes) or an Excel workbook (a sheet ' +
      'per table and one of definitions; numbers as numbers, "<5" and "–" as text). For a manager the counts are ' +
      'masked as in every statistics answer (§14), in every format.' +
      COMPARE_DOC,
  })
  @ApiOkResponse({
    description: 'The report, in the format asked for by Accept (JSON without one)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ParticipantsReportDocument) } },
      'text/csv': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string' } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  async participants(
    @Caller() caller: Principal,
    @Query() query: StatisticsQueryDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<ReportDocument | string | StreamableFile> {
    const periods = await this.reader.periods(caller.tenant, query);
    const format = preferredType(req, FORMATS) || 'application/json';
    // The document (JSON, CSV) and each rendering of it are kept as answers of their own.
    const kind = format === 'text/html' ? 'html' : format === XLSX ? 'xlsx' : 'document';
    const answer = await this.reader.answer(
      caller,
      'participants-report',
      periods,
      { kind },
      async (presentation) => {
        const [report, compare] = await this.reader.reports(periods, (p) =>
          participantsReport(this.reader.sql, p),
        );
        const doc = await presentation((small) =>
          participantsReportDocument(
            presentParticipantsReport(report, small, compare),
            caller.tenant,
            small.masked,
          ),
        );
        return kind === 'html' ? renderReportHtml(doc) : kind === 'xlsx' ? renderReportXlsx(doc) : doc;
      },
    );
    if (format === 'application/json') return answer as ReportDocument;
    const { period, compare: second } = periods;
    const base = `deltagare-${period.from}-${period.to}${second ? `-${second.from}-${second.to}` : ''}`;
    if (format === 'text/html') {
      res.header('Content-Type', 'text/html; charset=utf-8');
      return answer as string;
    }
    if (format === 'text/csv') {
      res.header('Content-Type', 'text/csv; charset=utf-8');
      res.header('Content-Disposition', `attachment; filename="${base}.csv"`);
      return reportCsv(answer as ReportDocument);
    }
    return new StreamableFile(answer as Buffer, {
      type: XLSX,
      disposition: `attachment; filename="${base}.xlsx"`,
    });
  }
}
