import {
  OUTCOMES,
  OUTCOMES_WITH_EXTENT,
  WORK_SUBTYPES,
  outcomeClass,
  type Outcome,
  type OutcomeClass,
  type WorkSubtype,
} from '../codes';
import { invalid } from '../errors';
import { isNonEmptyString, requireCode, requireInteger } from '../validate';

export interface OutcomeDetails {
  outcome: Outcome;
  outcomeClass: OutcomeClass;
  subtype?: WorkSubtype;
  extentPercent?: number;
  otherReason?: string;
}

/**
 * An outcome code with its details (DOMAIN.md §5): ARBETE needs a subtype, ANNAT a free-text reason;
 * an extent fits work, studies and partial compensation. SAMTYCKE_ATERKALLAT only comes from a
 * consent withdrawal (R15).
 */
export function requireOutcome(
  input: { outcome: unknown; subtype?: unknown; extentPercent?: unknown; otherReason?: unknown },
  field: string,
  rule: string,
): OutcomeDetails {
  const outcome = requireCode(OUTCOMES, input.outcome, field);
  if (outcome === 'SAMTYCKE_ATERKALLAT') {
    invalid('outcome-reserved', field, 'SAMTYCKE_ATERKALLAT is recorded by withdrawing the consent.', 'R15');
  }
  const details: OutcomeDetails = { outcome, outcomeClass: outcomeClass(outcome) };
  if (outcome === 'ARBETE') {
    if (input.subtype === undefined) invalid('subtype-required', 'subtype', 'Work needs a subtype.', rule);
    details.subtype = requireCode(WORK_SUBTYPES, input.subtype, 'subtype');
  } else if (input.subtype !== undefined) {
    invalid('subtype-not-allowed', 'subtype', 'Only work has a subtype.', rule);
  }
  if (input.extentPercent !== undefined) {
    if (!OUTCOMES_WITH_EXTENT.includes(outcome)) {
      invalid('extent-not-allowed', 'extentPercent', 'This outcome has no extent.', rule);
    }
    details.extentPercent = requireInteger(input.extentPercent, 1, 100, 'extentPercent');
  }
  if (outcome === 'ANNAT') {
    if (!isNonEmptyString(input.otherReason))
      invalid('other-reason-required', 'otherReason', 'ANNAT needs a reason.', rule);
    details.otherReason = input.otherReason;
  } else if (input.otherReason !== undefined) {
    invalid('other-reason-not-allowed', 'otherReason', 'Only ANNAT takes a free-text reason.', rule);
  }
  return details;
}
