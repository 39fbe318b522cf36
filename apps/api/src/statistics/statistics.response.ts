import { ApiProperty } from '@nestjs/swagger';
import { type OutcomeKey, OUTCOME_KEYS } from '@app/read-models';

// The building blocks of the statistics routes' answers (docs/statistics.md): a count as a caller
// may see it, a count split by gender, the outcome columns and a lead time. The swagger CLI plugin
// is not in the build, so every property is declared.

/** What a count may be (docs/statistics.md §14). */
export const CELL_DOC =
  'A count: an integer; for a manager also "<5" (it is 1–4) or null (withheld so that no "<5" can be ' +
  'worked out; it is 5 or more), docs/statistics.md §14';

/** A count as published: an integer, the string "<5", or null where withheld (§14). */
export function CellProperty(description?: string): PropertyDecorator {
  return ApiProperty({
    oneOf: [
      { type: 'integer', minimum: 0 },
      { type: 'string', enum: ['<5'] },
    ],
    nullable: true,
    description: description ? `${description}. ${CELL_DOC}` : CELL_DOC,
  });
}

/** A figure derived from counts (a share, a mean, a median): null without a basis or where withheld. */
export function DerivedProperty(description: string, integer = false): PropertyDecorator {
  return ApiProperty({ type: integer ? 'integer' : 'number', nullable: true, description });
}

export const SHARE_DOC =
  'A share 0–1 rounded to three decimals (0.723 = 72.3 %); null without a basis, and for a manager where ' +
  'withheld (docs/statistics.md §14)';

/** A date of the period, YYYY-MM-DD. */
export const DateProperty = (description: string) =>
  ApiProperty({ type: String, format: 'date', description, example: '2023-01-01' });

export type CellValue = number | '<5' | null;

/** A count split by gender: total = kvinna + man + annat (docs/statistics.md, introduction). */
export class GenderSplitView {
  @CellProperty('Everyone: kvinna + man + annat')
  total!: CellValue;

  @CellProperty('Gender KVINNA')
  kvinna!: CellValue;

  @CellProperty('Gender MAN')
  man!: CellValue;

  @CellProperty('Gender ANNAT_EJ_SVAR (its own column)')
  annat!: CellValue;
}

/**
 * One gender split per outcome code of DOMAIN.md §5, and ARBETE_ELLER_STUDIER (= ARBETE + STUDIER).
 * The properties are declared from the codes, so a new code cannot be left out of the document.
 */
export class OutcomeSplitsView {}
export type OutcomeSplits = Record<OutcomeKey, GenderSplitView>;
for (const key of OUTCOME_KEYS) {
  ApiProperty({
    type: () => GenderSplitView,
    description:
      key === 'ARBETE_ELLER_STUDIER'
        ? 'ARBETE + STUDIER: the codes that count as arbete/studier (DOMAIN.md §5)'
        : `Outcome code ${key} (DOMAIN.md §5)`,
  })(OutcomeSplitsView.prototype, key);
}

/** Days between two business dates over a set of cases (docs/statistics.md §8). */
export class DaysView {
  @CellProperty('The cases (or SIPs) measured')
  count!: CellValue;

  @DerivedProperty(
    'The middle number of days (the mean of the two middle values for an even count); null without cases, ' +
      'and for a manager when count is 1–4 or withheld',
  )
  median!: number | null;

  @DerivedProperty(
    'The 90th percentile by nearest rank, in days; null without cases, and for a manager when count is 1–4 or withheld',
    true,
  )
  p90!: number | null;
}

/** The period every answer starts with. */
export class StatisticsPeriodView {
  @DateProperty('The first day of the period (included)')
  from!: string;

  @DateProperty('The last day of the period (included)')
  to!: string;
}
