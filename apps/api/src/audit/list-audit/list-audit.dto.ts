import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, registerDecorator } from 'class-validator';
import { ListQueryDto } from '../../common/list-query.dto';

/** A date YYYY-MM-DD that exists, or an ISO-8601 instant with a time zone. */
function DateOrInstant() {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDateOrInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string') return false;
          if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
            const d = new Date(`${value}T00:00:00Z`);
            return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
          }
          return (
            /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
            !Number.isNaN(Date.parse(value))
          );
        },
        defaultMessage: () => 'must be a date YYYY-MM-DD or an ISO-8601 instant with a time zone',
      },
    });
}

export class ListAuditQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Entries about this case', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a case id (uuid)' })
  caseId?: string;

  @ApiPropertyOptional({ description: 'Entries by this user or client (the token’s `sub`)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @Matches(/\S/, { message: 'must not be blank' })
  actor?: string;

  @ApiPropertyOptional({
    description: 'From this date (the tenant’s local day, inclusive) or instant',
    example: '2026-06-01',
  })
  @IsOptional()
  @DateOrInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'To this date (inclusive) or instant', example: '2026-06-30' })
  @IsOptional()
  @DateOrInstant()
  to?: string;
}
