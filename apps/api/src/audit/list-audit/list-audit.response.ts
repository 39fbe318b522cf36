import { ApiProperty } from '@nestjs/swagger';
import { PARTIES, ROLES } from '@app/case-domain';
import { NEXT_CURSOR_DOC, TOTAL_DOC } from '../../common/api-docs';

/** One audit entry (AuditItem): ids and codes only. */
export class AuditEntry {
  @ApiProperty({ type: String, format: 'date-time' })
  at!: string;

  @ApiProperty({ description: 'The token’s sub' })
  actor!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  roles!: string[];

  @ApiProperty({ enum: PARTIES, nullable: true })
  party!: string | null;

  @ApiProperty({ description: 'What was done, e.g. read or write' })
  action!: string;

  @ApiProperty({ description: 'The route pattern', example: 'GET /api/v1/cases/:id' })
  route!: string;

  @ApiProperty({ type: 'integer', description: 'The HTTP status answered' })
  status!: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  caseId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  personId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'X-Request-Id' })
  requestId!: string | null;
}

/** GET /api/v1/admin/audit as JSON. */
export class ListAuditAnswer {
  @ApiProperty({ type: () => AuditEntry, isArray: true, description: 'Newest first' })
  items!: AuditEntry[];

  @ApiProperty(TOTAL_DOC)
  total!: number;

  @ApiProperty(NEXT_CURSOR_DOC)
  nextCursor!: string | null;
}
