// One case from initiation through intake and beredning; coordination follows in coordination.ts.
import {
  type IncomeSource,
  type Outcome,
  type Party,
  type TargetGroup,
  PARTIES,
  addMonths,
} from '@app/case-domain';
import { CaseRun, closer, closeCommand } from './case-run';
import { afterClosure } from './closure';
import { coordinate } from './coordination';
import { INITIATING_PARTY, INCOME_BY_PARTY } from './reference-data';
import {
  type MeetingSim,
  type TenantSim,
  Generator,
  sealed,
  consentEnded,
  nextWeekday,
  catalogueAt,
} from './sim';
import { meetingOnOrAfter } from './tenants';

export function generateCase(g: Generator, t: TenantSim, initiatedDay: number, horizon: number): void {
  const r = g.rng;
  const caseId = r.uuid();
  const personId = r.uuid();
  const run = new CaseRun(g, t, g.stream(`case-${caseId}`, 'case', t.id), horizon);
  const pl = () => r.pick(t.processledare);
  const worker = (party: Party) => r.pick(t.caseworkers[party]);
  const seal = sealed(personId);

  // --- who, and initiation (R1–R4)
  const d0 = nextWeekday(initiatedDay);
  const initiator = r.weighted(INITIATING_PARTY);
  const gender = r.weighted([
    ['KVINNA', 52],
    ['MAN', 46],
    ['ANNAT_EJ_SVAR', 2],
  ] as const);
  const age = r.weighted([
    [r.int(16, 19), 11],
    [r.int(20, 29), 33],
    [r.int(30, 39), 23],
    [r.int(40, 49), 17],
    [r.int(50, 64), 15],
    [15, 0.4],
    [r.int(65, 66), 0.3],
  ] as const);
  const birthDay = d0 - age * 365 - r.int(0, 364);
  const incomeSource: IncomeSource =
    age <= 29 && initiator === 'FORSAKRINGSKASSAN' && r.chance(0.5)
      ? 'AKTIVITETSERSATTNING'
      : r.weighted(INCOME_BY_PARTY[initiator]);
  const others = PARTIES.filter(
    (p) => p !== initiator && r.chance(p === 'KOMMUN' ? 0.7 : p === 'ARBETSFORMEDLINGEN' ? 0.6 : 0.45),
  );
  if (others.length === 0) others.push(initiator === 'KOMMUN' ? 'ARBETSFORMEDLINGEN' : 'KOMMUN');
  const scope = [initiator, ...others];
  for (const p of PARTIES) if (!scope.includes(p) && r.chance(0.12)) scope.push(p);
  const targetGroups: TargetGroup[] = [];
  if (incomeSource === 'FORSORJNINGSSTOD' && r.chance(0.5)) targetGroups.push('LANGTIDSBIDRAGSTAGARE');
  if ((incomeSource === 'SJUKPENNING' || incomeSource === 'SJUKPENNING_SARSKILDA_FALL') && r.chance(0.4))
    targetGroups.push('SJUKSKRIVEN_ARBETSLOS');
  if (r.chance(0.3)) targetGroups.push('UTRIKES_FODD');
  if (r.chance(0.2)) targetGroups.push('FUNKTIONSNEDSATTNING');
  if (incomeSource === 'AKTIVITETSERSATTNING') targetGroups.push('UNG_AKTIVITETSERSATTNING');
  if (age <= 24 && r.chance(0.3))
    targetGroups.push(r.pick(['HEMMASITTARE', 'KAA', 'UNG_EJ_ETABLERAD'] as const));
  const givenOn = d0 - r.int(0, 21);
  const validUntil = r.chance(0.2) ? addMonths(g.date(givenOn), r.int(12, 36)) : undefined;
  const unitList = t.units[initiator] ?? [];
  const initiatorActor = worker(initiator);
  const ok = run.exec(
    {
      type: 'InitiateCase',
      caseId,
      person: {
        personId,
        name: seal,
        personnummer: seal,
        gender,
        birthDate: g.date(birthDay),
        ...(r.chance(0.01) ? { protectedIdentity: true } : {}),
      },
      consent: {
        givenBy:
          age < 18 && r.chance(0.6)
            ? 'VARDNADSHAVARE'
            : r.weighted([
                ['PERSON', 94],
                ['GOD_MAN', 4],
                ['FORVALTARE', 2],
              ] as const),
        givenOn: g.date(givenOn),
        form: r.weighted([
          ['SKRIFTLIG', 70],
          ['DIGITAL', 20],
          ['MUNTLIG', 10],
        ] as const),
        ...(r.chance(0.6) ? { documentRef: seal } : {}),
        scopeParties: scope,
        ...(validUntil ? { validUntil } : {}),
      },
      initiatingParty: initiator,
      ...(unitList.length && r.chance(0.85) ? { initiatingUnit: r.pick(unitList) } : {}),
      otherParties: others,
      question: seal,
      needs: seal,
      incomeSource,
      targetGroups,
      initiatedOn: g.date(d0),
    },
    d0,
    initiatorActor,
  );
  if (!ok) return run.finish();
  if (r.chance(0.02)) {
    run.withdrawDay = d0 + r.int(3, 500);
    run.withdrawActor = initiatorActor;
  }

  // --- intake (R5)
  let day = d0;
  if (r.chance(0.06)) {
    day = nextWeekday(day + r.int(1, 7));
    run.exec({ type: 'ReturnCase', reason: seal, returnedOn: g.date(day) }, day, pl());
    if (r.chance(0.08)) return run.finish(); // never completed: stays returned
    day = nextWeekday(day + r.int(2, 21));
    run.exec(
      {
        type: 'ResubmitCase',
        needs: seal,
        ...(r.chance(0.5) ? { question: seal } : {}),
        resubmittedOn: g.date(day),
      },
      day,
      initiatorActor,
    );
  }
  day = nextWeekday(day + r.int(1, 10));
  if (!run.exec({ type: 'AcceptCase', acceptedOn: g.date(day) }, day, pl())) return run.finish();

  // --- beredning (R6): ~70% go on an agenda, the rest straight to an insats
  let coordinationFrom = day;
  let decision: 'FORDJUPAD_SAMORDNING' | 'EJ_FORDJUPAD_SAMORDNING' | undefined;
  if (r.chance(0.7)) {
    let meeting = meetingOnOrAfter(t, day + 2);
    let addedOn = meeting ? Math.max(day, meeting.scheduledDay) : day;
    let movedFrom: string | undefined;
    for (let round = 0; meeting && round < 4; round++) {
      const m: MeetingSim = meeting;
      const state = run.state;
      if (addedOn > horizon || run.stopped) break;
      // R2: the agenda shares the case until the meeting; only while the consent covers it.
      if (consentEnded(state, g.date(Math.max(addedOn, m.day)))) break;
      const added = g.meeting(
        t,
        m,
        {
          type: 'AddCaseToAgenda',
          caseId,
          ...(r.chance(0.08) ? { priority: true } : {}),
          ...(movedFrom ? { movedFrom } : {}),
        },
        addedOn,
        pl(),
        { caseState: state },
      );
      if (!added) break;
      const final = r.next();
      const chosen =
        round < 3 && final < 0.07
          ? 'BORDLAGD'
          : round < 3 && final < 0.11
            ? 'KOMPLETTERING'
            : r.chance(0.82)
              ? 'FORDJUPAD_SAMORDNING'
              : 'EJ_FORDJUPAD_SAMORDNING';
      const meetingDate = g.date(m.day);
      const decided = run.exec(
        (s) => {
          if (s.status === 'NONE' || consentEnded(s, meetingDate)) return undefined;
          const scopeNow = s.consent.scopeParties.filter((p) => s.endedParties[p] === undefined);
          const ownerParty =
            r.chance(0.55) && scopeNow.includes(s.initiatingParty) ? s.initiatingParty : r.pick(scopeNow);
          const codes = catalogueAt(t, m.day).codes.filter((c) =>
            scopeNow.includes(catalogueAt(t, m.day).catalogue[c].party),
          );
          return {
            type: 'RecordDecision',
            meetingId: m.id,
            decision: chosen,
            ...(chosen === 'FORDJUPAD_SAMORDNING'
              ? {
                  ownerParty,
                  ...(r.chance(0.7) ? { ownerUser: worker(ownerParty).sub } : {}),
                  recommendedInsatser: codes.length
                    ? [r.pick(codes), ...(r.chance(0.3) ? [r.pick(codes)] : [])]
                    : [],
                }
              : {}),
            ...(chosen === 'EJ_FORDJUPAD_SAMORDNING' ? { recommendation: seal } : {}),
            ...(r.chance(0.03) ? { notParticipating: [{ party: r.pick(PARTIES), user: 'jav' }] } : {}),
            decidedOn: meetingDate,
          };
        },
        m.day,
        pl(),
        m.state,
      );
      if (!decided) break;
      g.meeting(
        t,
        m,
        { type: 'RecordMeetingDecision', caseId, decision: chosen, decidedOn: meetingDate },
        m.day,
        pl(),
      );
      coordinationFrom = m.day;
      if (chosen === 'FORDJUPAD_SAMORDNING' || chosen === 'EJ_FORDJUPAD_SAMORDNING') {
        decision = chosen;
        break;
      }
      // Postponed: to the next meeting; more information needed: a couple of meetings later.
      const next = meetingOnOrAfter(t, m.day + (chosen === 'BORDLAGD' ? 1 : 14));
      if (!next) break;
      // The handler moves a case only to a meeting that exists already.
      if (chosen === 'BORDLAGD' && next.scheduledDay <= m.day) {
        if (
          !g.meeting(t, m, { type: 'MoveAgendaItem', caseId, toMeetingId: next.id }, m.day, pl(), {
            targetMeeting: next.state,
          })
        )
          break;
        movedFrom = m.id;
        addedOn = m.day;
      } else {
        movedFrom = undefined;
        addedOn = Math.max(next.scheduledDay, Math.min(next.day, nextWeekday(m.day + r.int(3, 10))));
      }
      meeting = next;
    }
    if (run.stopped) return run.finish();
  }

  if (decision === 'EJ_FORDJUPAD_SAMORDNING' && r.chance(0.9)) {
    // Back to the initiator, who closes the case here.
    const closeDay = nextWeekday(coordinationFrom + r.int(5, 40));
    const outcome = r.weighted<Outcome>([
      ['ATER_REMITTENT', 75],
      ['ARBETSLIVSINRIKTAD_REHAB', 8],
      ['VARD_BEHANDLING', 8],
      ['ARBETSSOKANDE', 5],
      ['AVBROTT', 4],
    ]);
    if (
      run.exec(
        closeCommand(r, outcome, closeDay, g, seal, 0.6, 0, 3),
        closeDay,
        r.chance(0.5) ? pl() : closer(r, t),
      )
    )
      afterClosure(run, g, r, t, closeDay, seal, undefined, false);
    return run.finish();
  }

  coordinate(run, g, r, t, coordinationFrom, seal);
  run.finish();
}
