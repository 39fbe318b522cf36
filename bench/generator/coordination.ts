import { type Actor, type CaseState, type Party, addMonths, toDayNumber } from '@app/case-domain';
import { CaseRun, ownerActor, closer, closeCommand, outcomeFields } from './case-run';
import { afterClosure } from './closure';
import { CASE_OUTCOMES, FINAL_STEP, INCOME_AFTER } from './reference-data';
import { Rng } from './rng';
import { type TenantSim, Generator, consentEnded, nextWeekday, catalogueAt } from './sim';
import { planSip } from './sip';

interface Step {
  day: number;
  order: number;
  run: () => void;
}

/** Coordination: insatser, SIP, follow-ups at 3/6/9/12 months, handover, party exits, closure, reopening. */
export function coordinate(
  run: CaseRun,
  g: Generator,
  r: Rng,
  t: TenantSim,
  from: number,
  seal: string,
): void {
  if (run.state.status === 'NONE') return;
  const facts = run.state;
  const scope = facts.consent.scopeParties;
  const steps: Step[] = [];
  let order = 0;
  const at = (day: number, fn: () => void) => steps.push({ day, order: order++, run: fn });
  const pl = () => r.pick(t.processledare);
  const worker = (party: Party) => r.pick(t.caseworkers[party]);
  const caseWorker = (s: CaseState): Actor =>
    (r.chance(0.7) ? ownerActor(r, t, s) : undefined) ?? (r.chance(0.3) ? pl() : worker(r.pick(scope)));

  const outcome = r.weighted(CASE_OUTCOMES);
  const stepStart = r.weighted([
    [1, 30],
    [2, 40],
    [3, 25],
    [4, 5],
  ] as const);
  const stepEnd = FINAL_STEP[outcome];
  const incomeEnd = INCOME_AFTER[outcome];

  // The first insats: mostly within the 90 days (R7), some late.
  const firstStart = nextWeekday(from + (r.chance(0.86) ? r.int(0, 45) : r.int(60, 160)));
  // Coordination typically runs for a year, with one to three insatser, some in parallel.
  const duration = r.int(150, 600);
  const insatsCount = r.weighted([
    [1, 40],
    [2, 40],
    [3, 20],
  ] as const);
  const starts = [firstStart];
  for (let i = 1; i < insatsCount; i++) starts.push(nextWeekday(starts[i - 1] + r.int(0, 120)));
  const ends = starts.map((s, i) =>
    nextWeekday(s + (i === 0 ? duration : r.int(60, Math.max(61, duration - (s - firstStart) + 60)))),
  );
  const lastEnd = Math.max(...ends);
  const closeDay = nextWeekday(lastEnd + r.int(0, 30));
  const endExplicitly = ends.map(() => r.chance(0.55));
  const insatsIds = starts.map(() => r.uuid());
  const startedCodes: string[] = [];

  starts.forEach((startDay, i) => {
    at(startDay, () => {
      run.exec(
        (s) => {
          if (s.status === 'NONE' || (s.consent.validUntil && g.date(startDay) > s.consent.validUntil))
            return undefined;
          const cat = catalogueAt(t, startDay);
          const usable = cat.codes.filter((c) => {
            const party = cat.catalogue[c].party;
            return (
              s.consent.scopeParties.includes(party) &&
              s.endedParties[party] === undefined &&
              !startedCodes.includes(c)
            );
          });
          if (!usable.length) return undefined;
          const code = r.weighted(usable.map((c) => [c, t.insatsWeight[c] ?? 1] as const));
          startedCodes.push(code);
          return {
            type: 'StartInsats',
            insatsId: insatsIds[i],
            insatsCode: code,
            startedOn: g.date(startDay),
            step: stepStart,
            vas: Math.max(0, Math.min(100, Math.round(r.around(45, 15)))),
          };
        },
        startDay,
        // A caseworker of the providing party, or the processledare.
        (command) =>
          r.chance(0.8) && command.type === 'StartInsats'
            ? worker(catalogueAt(t, startDay).catalogue[command.insatsCode].party)
            : pl(),
      );
    });
  });

  // R10: follow-ups at 3, 6, 9 and 12 months from the first start, mostly on time.
  for (const month of [3, 6, 9, 12] as const) {
    const due = toDayNumber(addMonths(g.date(firstStart), month));
    if (due >= closeDay) break;
    const kind = r.next();
    if (kind < 0.05) continue; // never recorded: overdue stays visible
    // The queue shows a follow-up from its due date: most are recorded within days of it.
    const offset = kind < 0.75 ? r.int(-5, 10) : kind < 0.9 ? r.int(11, 14) : r.int(15, 50);
    const day = nextWeekday(due + offset);
    if (day >= closeDay) continue;
    const progress = month / 12;
    at(day, () => {
      run.exec(
        (s) =>
          s.status === 'NONE' || consentEnded(s, g.date(day))
            ? undefined
            : {
                type: 'RecordFollowUp',
                month,
                recordedOn: g.date(day),
                incomeSource:
                  incomeEnd && r.chance(progress * 0.6)
                    ? incomeEnd
                    : r.chance(0.05)
                      ? 'OKAND'
                      : s.currentIncomeSource,
                step: Math.max(
                  1,
                  Math.min(6, Math.round(stepStart + (stepEnd - stepStart) * progress + r.around(0, 0.8))),
                ),
                vas: Math.max(
                  0,
                  Math.min(100, Math.round(r.around(45 + (stepEnd - stepStart) * 6 * progress, 12))),
                ),
                ...(r.chance(0.4) ? { notes: seal } : {}),
              },
        day,
        caseWorker(run.state),
      );
    });
  }

  // R8: a SIP for about a quarter of the cases, where the kommun or the region is in the consent.
  const sipParty = scope.filter((p) => p === 'KOMMUN' || p === 'REGION');
  if (sipParty.length && r.chance(0.3)) {
    planSip(run, g, r, t, at, nextWeekday(from + r.int(0, 40)), 'FORSTA', sipParty, closeDay);
  }

  // R11: a handover now and then (staff change often).
  if (r.chance(0.2)) {
    const day = nextWeekday(r.int(firstStart, Math.max(firstStart, closeDay - 10)));
    at(day, () => {
      run.exec(
        (s) => {
          if (s.status === 'NONE' || !s.owner || consentEnded(s, g.date(day))) return undefined;
          const owner = s.owner;
          const candidates = s.consent.scopeParties.filter((p) => s.endedParties[p] === undefined);
          const toParty = r.chance(0.6) ? owner.party : r.pick(candidates);
          const toUser = worker(toParty).sub;
          if (toParty === owner.party && toUser === owner.user) return undefined;
          return {
            type: 'HandOverOwnership',
            toParty,
            toUser,
            ...(r.chance(0.3) ? { reason: seal } : {}),
            handedOverOn: g.date(day),
          };
        },
        day,
        r.chance(0.5) ? pl() : (_command, s) => ownerActor(r, t, s) ?? pl(),
      );
    });
  }

  // R12: a party leaves while the others go on (AF keeps its part as long as it works with the person).
  if (r.chance(0.2)) {
    const day = nextWeekday(r.int(firstStart + 30, Math.max(firstStart + 30, closeDay - 5)));
    at(day, () => {
      run.exec(
        (s) => {
          if (s.status === 'NONE') return undefined;
          const leaving = [s.initiatingParty, ...s.otherParties].filter(
            (p) =>
              s.owner?.party !== p &&
              s.endedParties[p] === undefined &&
              !Object.values(s.insatser).some((i) => i.party === p && i.ended === undefined),
          );
          return leaving.length
            ? { type: 'EndPartyInvolvement', party: r.pick(leaving), endedOn: g.date(day) }
            : undefined;
        },
        day,
        pl(),
      );
    });
  }

  // Insatser end with their own outcome, or with the case.
  ends.forEach((endDay, i) => {
    if (!endExplicitly[i] || endDay >= closeDay) return;
    at(endDay, () => {
      run.exec(
        (s) => {
          if (s.status === 'NONE') return undefined;
          const insats = s.insatser[insatsIds[i]];
          if (!insats || insats.ended) return undefined;
          const reason = r.chance(0.6) ? outcome : r.weighted(CASE_OUTCOMES);
          const { outcome: code, ...details } = outcomeFields(r, reason, seal);
          return {
            type: 'EndInsats',
            insatsId: insatsIds[i],
            endedOn: g.date(endDay),
            reason: code,
            ...details,
          };
        },
        endDay,
        caseWorker(run.state),
      );
    });
  });

  at(closeDay, () => {
    const command = closeCommand(r, outcome, closeDay, g, seal, 0.85, 0.6, stepEnd);
    if (run.exec(command, closeDay, r.chance(0.5) ? pl() : closer(r, t)))
      afterClosure(
        run,
        g,
        r,
        t,
        closeDay,
        seal,
        startedCodes[startedCodes.length - 1],
        command.survey.answered,
      );
  });

  while (steps.length) {
    let best = 0;
    for (let i = 1; i < steps.length; i++) {
      if (
        steps[i].day < steps[best].day ||
        (steps[i].day === steps[best].day && steps[i].order < steps[best].order)
      )
        best = i;
    }
    const [step] = steps.splice(best, 1);
    step.run();
    if (run.stopped) return;
  }
}
