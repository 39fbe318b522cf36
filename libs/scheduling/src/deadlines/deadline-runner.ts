import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type CaseContext, type CaseState, DEADLINE_KINDS, type DeadlineKind, DomainError, conflict, type ExistingCase, deadlineFacts, isCode, caseDecider, caseStream } from '@app/case-domain';
import type { SqlClient } from '@app/event-store';
import { CLOCK, type Clock, localDate, AppError, APP_CONFIG, type AppConfig, SQL_CLIENT } from '@app/runtime';
import { type JobQueue, PermanentJobError, type RunningJob } from '../jobs/job-queue';
import { deadlineJobId, dueDeadlines } from '@app/read-models';
import type { Principal } from '@app/security';
import { CaseService, CommandRunner, ContextReads } from '@app/write';
import { PersonCases } from '@app/security';
import { JOB_QUEUE } from '../jobs/job-queue.provider';
import { runsBackground } from '../jobs/runs-background';

/** How many due deadlines one tick turns into jobs; the next tick takes the rest. */
const TICK_LIMIT = 5000;
const ENQUEUE_PARALLEL = 50;

export interface DeadlineJobData {
  tenant: string;
  caseId: string;
  deadline: string;
  dueOn: string;
}

/** Who records deadlines: the system, acting for no party (RecordDeadlineReached needs the system role). */
export const deadlinePrincipal = (tenant: string): Principal => ({
  sub: 'system:deadlines',
  tenant,
  roles: ['system'],
});

/**
 * The deadline runner: a tick every DEADLINE_TICK_SECONDS (a BullMQ job scheduler, or a timer in
 * the embedded queue) turns each due deadline of rm_deadlines into a job whose id is derived from
 * the deadline; the job records it on the case with RecordDeadlineReached through the one write
 * path. The decider records each deadline once, so a job run twice, or by two instances at once,
 * writes one event.
 */
@Injectable()
export class DeadlineRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger('Deadlines');
  /** Ticks completed in this process, and when the last one began (tests wait for one after moving the clock). */
  ticks = 0;
  lastTickStartedAt = 0;

  constructor(
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly runner: CommandRunner,
    private readonly cases: CaseService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
    private readonly personCases: PersonCases,
  ) {}

  onApplicationBootstrap(): void {
    if (!runsBackground(this.moduleRef)) return;
    this.jobs.work('deadlines', (job) => this.handle(job), 5);
    this.jobs.every('deadlines', 'deadline-tick', 'tick', this.config.deadlineTickSeconds * 1000);
  }

  private async handle(job: RunningJob): Promise<void> {
    if (job.name === 'tick') {
      await this.tick();
      return;
    }
    if (job.name === 'deadline') {
      await this.record(job.data as unknown as DeadlineJobData, job.id);
      return;
    }
    throw new PermanentJobError(`unknown job ${job.name}`);
  }

  /** Enqueues every deadline due today (the tenants' local date); returns how many were due. */
  async tick(): Promise<number> {
    const startedAt = Date.now();
    const today = localDate(this.clock.now(), this.config.timeZone);
    const due = await dueDeadlines(this.sql, today, TICK_LIMIT);
    for (let i = 0; i < due.length; i += ENQUEUE_PARALLEL) {
      await Promise.all(
        due.slice(i, i + ENQUEUE_PARALLEL).map((d) =>
          this.jobs.add(
            'deadlines',
            'deadline',
            {
              tenant: d.tenant,
              caseId: d.caseId,
              deadline: d.kind,
              dueOn: d.dueOn,
            } satisfies DeadlineJobData,
            { jobId: deadlineJobId(d) },
          ),
        ),
      );
    }
    this.ticks++;
    this.lastTickStartedAt = startedAt;
    return due.length;
  }

  /** Records one deadline on its case; returns how many events that wrote (0 when already recorded). */
  async record(data: DeadlineJobData, jobId = 'direct'): Promise<number> {
    const { tenant, caseId, deadline, dueOn } = data;
    if (
      typeof tenant !== 'string' ||
      typeof caseId !== 'string' ||
      typeof dueOn !== 'string' ||
      !isCode(DEADLINE_KINDS, deadline)
    ) {
      throw new PermanentJobError('malformed deadline job');
    }
    try {
      const others = deadline === 'RETENTION' ? await this.eraseOtherCasesFirst(tenant, caseId, jobId) : 0;
      const result = await this.runner.execute(
        caseDecider,
        { type: 'RecordDeadlineReached', deadline, dueOn },
        {
          streamId: caseStream(caseId),
          principal: deadlinePrincipal(tenant),
          context: (state, _meta, reads) => this.context(tenant, deadline, state, reads),
          entity: 'case',
          correlationId: jobId,
        },
      );
      return others + result.events.length;
    } catch (err) {
      // The person's other cases wait for the cases read model: behind now, maybe not in a moment.
      if (err instanceof AppError && err.kind === 'unavailable')
        throw new Error(`${err.name}: ${err.message}`);
      // The read model lags the case by a moment: a case just withdrawn (R15) or erased refuses a
      // deadline that no longer applies. Nothing to record, and nothing for an admin to retry.
      if (err instanceof DomainError && (err.kind === 'rule' || err.kind === 'conflict')) {
        this.logger.log({ caseId, deadline, code: err.code }, 'deadline no longer applies; nothing recorded');
        return 0;
      }
      // Anything else refused will not change by trying again (kept as failed); the database may.
      if (err instanceof DomainError || err instanceof AppError)
        throw new PermanentJobError(`${err.name}: ${err.message}`);
      throw err;
    }
  }

  /**
   * What RecordDeadlineReached decides on. For RETENTION of a closed or withdrawn case, also the
   * person's other cases (§10: one data key per person): each loaded from its stream, and named in
   * `reads`, so the append is refused and decided again if one of them moved meanwhile.
   */
  private async context(
    tenant: string,
    deadline: DeadlineKind,
    state: CaseState,
    reads: ContextReads,
  ): Promise<CaseContext> {
    const ctx = await this.cases.context(tenant, reads);
    if (
      deadline !== 'RETENTION' ||
      (state.status !== 'CLOSED' && state.status !== 'WITHDRAWN') ||
      state.personalDataErased
    ) {
      return ctx;
    }
    // Waits until the cases read model holds every case written so far (a case just initiated for the person too).
    const ids = await this.personCases.caseIds(tenant, state.person.personId);
    const personCases: ExistingCase[] = [];
    for (const id of ids) {
      if (id === state.caseId) continue;
      const loaded = await this.runner.loadRead(caseDecider, caseStream(id), tenant, reads);
      if (loaded && loaded.state.status !== 'NONE') personCases.push(loaded.state);
    }
    return { ...ctx, personCases };
  }

  /**
   * When a case's retention date erases the person (no other case of theirs holds it), their other
   * cases (held ones included) record the erasure first, as an admin's erasure does, then this case
   * (record). In that order, a job stopped half-way leaves this case's deadline due, and its next
   * run completes the erasure. Each erasure is decided again when it is appended, on this case and
   * the person's cases as they are then, and names them all in its reads: a case reopened, or this
   * case changed, meanwhile refuses the append, and the erasure is decided once more (or held).
   * Returns how many events it wrote; each case records it once.
   *
   * Not covered: a case initiated for the person after the cases were listed (the same holds for an
   * admin's erasure); it is sealed with the key about to be destroyed.
   */
  private async eraseOtherCasesFirst(tenant: string, caseId: string, jobId: string): Promise<number> {
    const principal = deadlinePrincipal(tenant);
    const dueStream = caseStream(caseId);
    /** The retention decision on the case whose date has come, on what is current; its reads named. */
    const decide = async (today: string, reads: ContextReads) => {
      const due = await this.runner.loadRead(caseDecider, dueStream, tenant, reads);
      if (!due || due.state.status === 'NONE') return undefined;
      const ctx = await this.context(tenant, 'RETENTION', due.state, reads);
      const facts = deadlineFacts(due.state, ctx.settings, 'RETENTION', today, ctx.personCases);
      return facts.some((f) => f.type === 'PersonalDataErased') ? ctx : undefined;
    };
    const first = await decide(this.runner.meta(principal).today, new ContextReads());
    if (!first) return 0;
    let written = 0;
    for (const other of first.personCases ?? []) {
      if (other.personalDataErased) continue;
      try {
        const result = await this.runner.execute(
          caseDecider,
          { type: 'EraseCasePersonalData', reason: 'RETENTION' },
          {
            streamId: caseStream(other.caseId),
            principal,
            context: async (_state, meta, reads) => {
              const ctx = await decide(meta.today, reads);
              if (!ctx)
                conflict('retention-held', 'Another case of the person holds its retention date now.', '§10');
              return ctx;
            },
            entity: 'case',
            correlationId: jobId,
          },
        );
        written += result.events.length;
      } catch (err) {
        // Held now: this case's own RecordDeadlineReached records the hold.
        if (err instanceof DomainError && err.code === 'retention-held') break;
        throw err;
      }
    }
    return written;
  }
}
