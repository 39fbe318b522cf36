import { isPartyActor, type CommandMeta, type Sealed } from '../../actor';
import { ageBand, approaching30From, isOutsideAgeRange } from '../../age';
import { addDays, ageOn } from '../../civil-date';
import {
  CONSENT_FORMS,
  CONSENT_GIVERS,
  GENDERS,
  INCOME_SOURCES,
  PARTIES,
  TARGET_GROUPS,
  type ConsentForm,
  type ConsentGiver,
  type Gender,
  type IncomeSource,
  type Party,
  type TargetGroup,
} from '../../codes';
import { conflict, forbidden, invalid, refuse } from '../../errors';
import {
  businessDate,
  isNonEmptyString,
  optionalDate,
  optionalSealed,
  requireCode,
  requireCodes,
  requireDate,
  requireId,
  requireText,
  requireUuid,
} from '../../validate';
import type { CaseContext } from '../context';
import type { CaseEvent, CaseInitiated, Consent } from '../events';
import type { CaseState } from '../state';

export type InitiateCase = {
  type: 'InitiateCase';
  caseId: string;
  person: {
    personId: string;
    name: Sealed;
    personnummer: Sealed;
    gender: Gender;
    /** In clear: the age band and R17 need it. */
    birthDate: string;
    protectedIdentity?: boolean;
  };
  consent: {
    givenBy: ConsentGiver;
    givenOn: string;
    form: ConsentForm;
    documentRef?: Sealed;
    scopeParties: Party[];
    validUntil?: string;
  };
  initiatingParty: Party;
  initiatingUnit?: string;
  otherParties: Party[];
  question: Sealed;
  needs: Sealed;
  incomeSource: IncomeSource;
  targetGroups: TargetGroup[];
  /** Defaults to today. */
  initiatedOn?: string;
};

export function decideInitiateCase(
  command: InitiateCase,
  state: CaseState,
  ctx: CaseContext,
  meta: CommandMeta,
): CaseEvent[] {
  if (state.status !== 'NONE') conflict('case-exists', 'A case with this id already exists.');

  // R1: only a party (its caseworker or its system) opens a case, and only for itself.
  const actor = meta.actor;
  if (!isPartyActor(actor)) {
    refuse('R1', 'no-open-entry', 'Only a cooperating party can initiate a case.');
  }
  const initiatingParty = requireCode(PARTIES, command.initiatingParty, 'initiatingParty');
  if (initiatingParty !== actor.party) {
    forbidden('not-own-party', 'A party can only initiate cases as itself.', 'R1');
  }

  const caseId = requireId(command.caseId, 'caseId');
  const initiatedOn = businessDate(command.initiatedOn, 'initiatedOn', meta);

  const p = command.person ?? ({} as InitiateCase['person']);
  if (p === null || typeof p !== 'object') invalid('required', 'person', 'The person is required.');
  const personId = requireUuid(p.personId, 'person.personId');
  if (!isNonEmptyString(p.name)) invalid('required', 'person.name', 'The name is required.');
  if (!isNonEmptyString(p.personnummer))
    invalid('required', 'person.personnummer', 'The personnummer is required.');
  const gender = requireCode(GENDERS, p.gender, 'person.gender');
  const birthDate = requireDate(p.birthDate, 'person.birthDate');
  if (birthDate > initiatedOn)
    invalid(
      'birth-date-after-initiation',
      'person.birthDate',
      'The birth date is after the initiation date.',
    );
  if (p.protectedIdentity !== undefined && typeof p.protectedIdentity !== 'boolean') {
    invalid('required', 'person.protectedIdentity', 'Expected true or false.');
  }

  // R2: consent first, valid, and covering every party named.
  const c = command.consent;
  if (c === undefined || c === null || typeof c !== 'object') {
    refuse('R2', 'consent-required', 'A recorded consent is required to initiate a case.', 'consent');
  }
  const consent: Consent = {
    givenBy: requireCode(CONSENT_GIVERS, c.givenBy, 'consent.givenBy'),
    givenOn: requireDate(c.givenOn, 'consent.givenOn'),
    form: requireCode(CONSENT_FORMS, c.form, 'consent.form'),
    documentRef: optionalSealed(c.documentRef, 'consent.documentRef'),
    scopeParties: requireCodes(PARTIES, c.scopeParties, 'consent.scopeParties'),
    validUntil: optionalDate(c.validUntil, 'consent.validUntil'),
  };
  if (consent.documentRef === undefined) delete consent.documentRef;
  if (consent.validUntil === undefined) delete consent.validUntil;
  if (consent.givenOn > initiatedOn) {
    refuse(
      'R2',
      'consent-required',
      'The consent must be given on or before the initiation date.',
      'consent.givenOn',
    );
  }
  if (consent.validUntil !== undefined && consent.validUntil < consent.givenOn) {
    invalid('invalid-period', 'consent.validUntil', 'The consent ends before it was given.');
  }
  // R9b: checked on the initiation date; a case initiated while the consent held may be recorded later.
  if (consent.validUntil !== undefined && consent.validUntil < initiatedOn) {
    refuse('R2', 'consent-expired', 'The consent had ended by the initiation date.', 'consent.validUntil');
  }

  // R3: at least one other party.
  const otherParties = requireCodes(PARTIES, command.otherParties, 'otherParties').filter(
    (x) => x !== initiatingParty,
  );
  if (otherParties.length === 0) {
    refuse(
      'R3',
      'two-parties-required',
      'Name at least one other party whose involvement is needed.',
      'otherParties',
    );
  }
  for (const party of [initiatingParty, ...otherParties]) {
    if (!consent.scopeParties.includes(party)) {
      refuse(
        'R2',
        'consent-scope',
        "Every party named must be within the consent's scope.",
        'consent.scopeParties',
      );
    }
  }

  // R4: the question, the needs, the income source and the target groups.
  if (!isNonEmptyString(command.question)) {
    refuse('R4', 'question-and-needs', 'A frågeställning is required.', 'question');
  }
  if (!isNonEmptyString(command.needs)) {
    refuse('R4', 'question-and-needs', 'A behovsanalys is required.', 'needs');
  }
  if (command.incomeSource === undefined) {
    refuse('R4', 'income-source-required', 'The income source at entry is required.', 'incomeSource');
  }
  const incomeSource = requireCode(INCOME_SOURCES, command.incomeSource, 'incomeSource');
  if (command.targetGroups === undefined) {
    refuse(
      'R4',
      'target-groups-required',
      'Target-group tags are required (an empty list is allowed).',
      'targetGroups',
    );
  }
  const targetGroups = requireCodes(TARGET_GROUPS, command.targetGroups, 'targetGroups');

  let initiatingUnit: string | undefined;
  if (command.initiatingUnit !== undefined) {
    initiatingUnit = requireText(command.initiatingUnit, 'initiatingUnit', 100);
    const known = ctx.units?.[initiatingParty];
    if (known && known.length > 0 && !known.includes(initiatingUnit)) {
      invalid('unknown-unit', 'initiatingUnit', 'The unit is not one of the party’s configured units.');
    }
  }

  const age = ageOn(birthDate, initiatedOn);
  const initiated: CaseInitiated = {
    type: 'CaseInitiated',
    data: {
      caseId,
      person: {
        personId,
        name: p.name,
        personnummer: p.personnummer,
        gender,
        birthDate,
        ageAtInitiation: age,
        ageBand: ageBand(age),
        protectedIdentity: p.protectedIdentity ?? false,
      },
      consent,
      initiatingParty,
      ...(initiatingUnit !== undefined ? { initiatingUnit } : {}),
      otherParties,
      question: command.question,
      needs: command.needs,
      incomeSource,
      targetGroups,
      initiatedOn,
      // R7: the date by which a coordinated insats should have started.
      insatsDeadline: addDays(initiatedOn, ctx.settings.insatsDeadlineDays),
      occurredOn: initiatedOn,
    },
  };

  // R17: flag, never refuse.
  const events: CaseEvent[] = [initiated];
  if (isOutsideAgeRange(birthDate, initiatedOn)) {
    events.push({ type: 'AgeLimitFlagged', data: { reason: 'OUTSIDE_16_64', age, occurredOn: initiatedOn } });
  }
  if (incomeSource === 'AKTIVITETSERSATTNING' && initiatedOn >= approaching30From(birthDate)) {
    events.push({
      type: 'AgeLimitFlagged',
      data: { reason: 'APPROACHING_30_AKTIVITETSERSATTNING', age, occurredOn: initiatedOn },
    });
  }
  return events;
}
