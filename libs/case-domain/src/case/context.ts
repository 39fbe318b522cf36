import type { Party } from '../codes';
import type { TenantSettings } from '../settings';
import type { MeetingState } from '../meeting/state';
import type { ExistingCase } from './state';

export interface CatalogueEntry {
  name: string;
  party: Party;
  active: boolean;
}

export type InsatsCatalogue = Record<string, CatalogueEntry>;

/**
 * The catalogue's entry for a user-given code. Own properties only: "constructor", "toString" or
 * "__proto__" are not entries of any catalogue.
 */
export function catalogueEntry(catalogue: InsatsCatalogue, code: string): CatalogueEntry | undefined {
  return Object.hasOwn(catalogue, code) ? catalogue[code] : undefined;
}

/** What the handler loads besides the case stream. */
export interface CaseContext {
  catalogue: InsatsCatalogue;
  settings: TenantSettings;
  /** The meeting the command names (RecordDecision). */
  meeting?: MeetingState;
  /** The tenant's unit codes per party; when given, initiatingUnit must be one of them. */
  units?: Partial<Record<Party, string[]>>;
  /**
   * The person's other cases as they stand (RecordDeadlineReached for RETENTION): their data key is
   * shared, so one case's retention erases nothing another still needs (§10). Absent: none.
   */
  personCases?: readonly ExistingCase[];
}
