import { Injectable } from '@nestjs/common';
import { notFound } from '@app/runtime';
import {
  type CaseCommand,
  type CaseContext,
  type CaseState,
  type ExistingCase,
  type MeetingState,
  type TenantState,
  unitCodes,
  type CommandMeta,
  caseDecider,
  caseStream,
  meetingDecider,
  meetingStream,
} from '@app/case-domain';
import { EventStore, type RecordedEvent } from '@app/event-store';
import type { Principal } from '@app/security';
import { ReadModelSync, caseHeadPosition, caseView, requireCaughtUp } from '@app/read-models';
import { CommandRunner, type ContextReads, type WriteResult, writeResponse } from './command-runner';
import { TenantConfigs } from './tenant-configs';
import { noteCase, CaseAccess } from '@app/security';

/** What every write route answers: the case's id, its new version and the global position. */
export interface WriteResponse {
  id: string;
  version: number;
  position?: number;
}

export interface CaseWriteRequest {
  caller: Principal;
  caseId: string;
  ifMatch?: number;
  requestId?: string;
  idempotencyKey?: string;
}

/** The write and read paths of a case shared by every case slice. */
@Injectable()
export class CaseService {
  constructor(
    private readonly runner: CommandRunner,
    private readonly store: EventStore,
    private readonly sync: ReadModelSync,
    private readonly access: CaseAccess,
    private readonly configs: TenantConfigs,
  ) {}

  /** The torg's configuration; a command passes its `reads`, so its append is checked against it. */
  tenantState(tenant: string, reads?: ContextReads): Promise<TenantState> {
    return this.configs.get(tenant, reads);
  }

  async meetingState(tenant: string, meetingId: string): Promise<MeetingState | undefined> {
    return (await this.runner.load(meetingDecider, meetingStream(meetingId), tenant))?.state;
  }

  async context(tenant: string, reads: ContextReads, meetingId?: string): Promise<CaseContext> {
    const [config, meeting] = await Promise.all([
      this.tenantState(tenant, reads),
      meetingId ? this.meetingState(tenant, meetingId) : Promise.resolve(undefined),
    ]);
    return { catalogue: config.catalogue, settings: config.settings, units: unitCodes(config), meeting };
  }

  /** The case and its events, folded from its stream, as the caller may see it; or 404. */
  async read(
    caller: Principal,
    caseId: string,
  ): Promise<{ state: ExistingCase; version: number; events: RecordedEvent[] }> {
    const loaded = await this.runner.load(caseDecider, caseStream(caseId), caller.tenant);
    if (!loaded || loaded.state.status === 'NONE' || !(await this.access.canSee(caller, loaded.state)))
      throw notFound('case');
    noteCase(caseId, loaded.state.person.personId);
    return { state: loaded.state, version: loaded.version, events: loaded.events };
  }

  /**
   * The case from its read model, as the caller may see it; or 404. Waits (bounded) until the
   * read model holds the case's latest event and `minPosition`, so a caller reads its own writes.
   */
  async readView(
    caller: Principal,
    caseId: string,
    minPosition?: number,
  ): Promise<{ state: ExistingCase; version: number }> {
    const head = await caseHeadPosition(this.store, caseId);
    await requireCaughtUp(this.sync, 'cases', Math.max(head, minPosition ?? 0));
    const view = await caseView(this.store.sql, caller.tenant, caseId);
    if (!view) throw notFound('case');
    const { state } = view;
    if (!(await this.access.canSee(caller, state))) throw notFound('case');
    noteCase(caseId, state.person.personId);
    return { state, version: view.version };
  }

  /**
   * Runs a command on an existing case the caller may see. `build` gets the current state, so it
   * can seal personal data with the key of the case's person.
   */
  async write(
    req: CaseWriteRequest,
    build: (state: ExistingCase, ctx: CaseContext, meta: CommandMeta) => CaseCommand | Promise<CaseCommand>,
    options: { meetingId?: string } = {},
  ): Promise<WriteResult<CaseState>> {
    // Decided on the case as loaded for the command (its person is known; its stream is read once).
    const visible = async (state: CaseState): Promise<boolean> => {
      if (state.status === 'NONE' || !(await this.access.canSee(req.caller, state))) return false;
      noteCase(req.caseId, state.person.personId);
      return true;
    };
    return this.runner.execute(
      caseDecider,
      async (state: CaseState, ctx, meta) => build(state as ExistingCase, ctx, meta),
      {
        streamId: caseStream(req.caseId),
        principal: req.caller,
        expectedVersion: req.ifMatch,
        visible,
        context: (_state, _meta, reads) => this.context(req.caller.tenant, reads, options.meetingId),
        correlationId: req.requestId,
        causationId: req.idempotencyKey,
      },
    );
  }

  static response(caseId: string, result: WriteResult<CaseState>): WriteResponse {
    return writeResponse(caseId, result);
  }
}
