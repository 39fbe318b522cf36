// One case: the run that puts a case's commands through the decider, and the actors and
// commands its phases share.
import {
  type Actor,
  type CaseCommand,
  type CaseContext,
  type CaseState,
  type CloseCase,
  type MeetingState,
  type Outcome,
  type WorkSubtype,
  caseDeadlines,
  decideCase,
  evolveCase,
  initialCaseState,
  isOpenCase,
  toDayNumber,
} from '@app/case-domain';
import type { HistoryStream } from './history';
import { SYSTEM, WORK_SUBTYPES } from './reference-data';
import { Rng } from './rng';
import { type TenantSim, Generator, catalogueAt } from './sim';

type CommandOrBuild = CaseCommand | ((state: CaseState) => CaseCommand | undefined);
type ActorOrChoose = Actor | ((command: CaseCommand, state: CaseState) => Actor);

export class CaseRun {
  state: CaseState = initialCaseState();
  stopped = false;
  lastDay = 0;
  withdrawDay?: number;
  withdrawActor?: Actor;

  constructor(
    readonly g: Generator,
    readonly t: TenantSim,
    readonly stream: HistoryStream,
    readonly horizon: number,
  ) {}

  ctx(day: number, meeting?: MeetingState): CaseContext {
    return {
      catalogue: catalogueAt(this.t, day).catalogue,
      settings: this.t.settings,
      units: this.t.units,
      ...(meeting ? { meeting } : {}),
    };
  }

  private decide(command: CaseCommand, day: number, actor: Actor, meeting?: MeetingState): boolean {
    try {
      const events = decideCase(
        command,
        this.state,
        this.ctx(day, meeting),
        this.g.meta(this.t.id, actor, day),
      );
      for (const e of events) this.state = evolveCase(this.state, e);
      this.g.record(this.stream, events, day, actor);
      this.lastDay = day;
      return events.length > 0;
    } catch (err) {
      this.g.refuse(err);
      return false;
    }
  }

  /** The scheduler: every deadline fact due by `day`, each recorded on its day (or the next one the case allows). */
  tick(day: number): void {
    for (let guard = 0; guard < 64; guard++) {
      const next = caseDeadlines(this.state, this.t.settings)[0];
      if (!next) return;
      const due = toDayNumber(next.dueOn);
      if (due > day) return;
      const on = Math.max(due, this.lastDay);
      if (
        !this.decide(
          { type: 'RecordDeadlineReached', deadline: next.kind, dueOn: this.g.date(on) },
          on,
          SYSTEM,
        )
      )
        return;
    }
  }

  /** A user's command on `day`; false when it was not made (past the horizon, withdrawn, refused, skipped). */
  exec(command: CommandOrBuild, day: number, actor: ActorOrChoose, meeting?: MeetingState): boolean {
    if (this.stopped) return false;
    if (day < this.lastDay) day = this.lastDay;
    if (this.withdrawDay !== undefined && day >= this.withdrawDay && this.state.status !== 'NONE') {
      this.withdraw();
      return false;
    }
    if (day > this.horizon) {
      this.stop();
      return false;
    }
    this.tick(day);
    const built = typeof command === 'function' ? command(this.state) : command;
    if (!built) return false;
    return this.decide(built, day, typeof actor === 'function' ? actor(built, this.state) : actor, meeting);
  }

  /** R15: the person withdraws consent; the case closes and accepts nothing but erasure. */
  private withdraw(): void {
    const day = this.withdrawDay!;
    this.withdrawDay = undefined;
    if (day > this.horizon) return this.stop();
    this.tick(day);
    this.decide({ type: 'WithdrawConsent', withdrawnOn: this.g.date(day) }, day, this.withdrawActor!);
    this.stop();
  }

  stop(): void {
    this.stopped = true;
  }

  /** Facts the scheduler has recorded by the horizon (follow-ups due, stagnation, retention …). */
  finish(): void {
    // A withdrawal planned for a case that has closed since does not happen.
    if (this.withdrawDay !== undefined && !this.stopped && isOpenCase(this.state)) this.withdraw();
    this.stopped = true;
    this.tick(this.horizon);
  }
}

/** The ärendebärare, as an actor: its named user, or a caseworker of its party. */
export function ownerActor(r: Rng, t: TenantSim, s: CaseState): Actor | undefined {
  if (s.status === 'NONE' || !s.owner) return undefined;
  const owner = s.owner;
  return owner.user
    ? { sub: owner.user, roles: ['handlaggare'], party: owner.party }
    : r.pick(t.caseworkers[owner.party]);
}

/** Who closes (R12): the ärendebärare, or the initiating party while there is none. */
export function closer(r: Rng, t: TenantSim): ActorOrChoose {
  return (_command, s) =>
    ownerActor(r, t, s) ?? r.pick(t.caseworkers[s.status === 'NONE' ? 'KOMMUN' : s.initiatingParty]);
}

/** Closure (R12) with an outcome (§5), the survey and the final progression rating. */
export function closeCommand(
  r: Rng,
  outcome: Outcome,
  day: number,
  g: Generator,
  seal: string,
  offered: number,
  answered: number,
  step: number,
): CloseCase {
  const isOffered = r.chance(offered);
  return {
    type: 'CloseCase',
    closedOn: g.date(day),
    ...outcomeFields(r, outcome, seal),
    slutdokumentation: true,
    survey: { offered: isOffered, answered: isOffered && r.chance(answered) },
    step: Math.max(1, Math.min(6, Math.round(r.around(step, 0.7)))),
    vas: Math.max(0, Math.min(100, Math.round(r.around(40 + step * 7, 15)))),
  } as CloseCase;
}

export function outcomeFields(
  r: Rng,
  outcome: Outcome,
  seal: string,
): { outcome: Outcome; subtype?: WorkSubtype; extentPercent?: number; otherReason?: string } {
  if (outcome === 'ARBETE')
    return { outcome, subtype: r.weighted(WORK_SUBTYPES), extentPercent: r.pick([25, 50, 75, 100, 100]) };
  if (outcome === 'STUDIER') return { outcome, extentPercent: r.pick([50, 75, 100, 100]) };
  if ((outcome === 'SJUKERSATTNING' || outcome === 'AKTIVITETSERSATTNING') && r.chance(0.4))
    return { outcome, extentPercent: r.pick([25, 50, 75]) };
  if (outcome === 'ANNAT') return { outcome, otherReason: seal };
  return { outcome };
}
