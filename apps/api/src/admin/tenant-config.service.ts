import { Injectable } from '@nestjs/common';
import { WrongExpectedVersionError } from '@app/event-store';
import type { TenantCommand, TenantState } from '@app/case-domain';
import type { Principal } from '@app/security';
import { CommandRunner, type WriteResult } from '@app/write';
import { tenantDecider, tenantStream } from '@app/case-domain';

export interface TenantWriteRequest {
  caller: Principal;
  ifMatch?: number;
  requestId?: string;
  idempotencyKey?: string;
}

/** What every admin write answers: the tenant configuration's new version. */
export interface TenantWriteResponse {
  version: number;
  position?: number;
}

/**
 * Writes the tenant's configuration stream. It comes into being with its first change: the runner
 * answers 404 for a missing stream unless told to create it, so the first write creates it and a
 * write that lost that race to another first write is decided again on the stream that now exists.
 */
@Injectable()
export class TenantConfigService {
  constructor(private readonly runner: CommandRunner) {}

  async read(tenant: string): Promise<{ state: TenantState; version: number }> {
    const loaded = await this.runner.load(tenantDecider, tenantStream(tenant), tenant);
    return loaded
      ? { state: loaded.state, version: loaded.version }
      : { state: tenantDecider.initialState(), version: 0 };
  }

  async write(req: TenantWriteRequest, command: TenantCommand): Promise<WriteResult<TenantState>> {
    const streamId = tenantStream(req.caller.tenant);
    const run = (create: boolean) =>
      this.runner.execute(tenantDecider, command, {
        streamId,
        principal: req.caller,
        create,
        expectedVersion: req.ifMatch,
        context: async () => undefined,
        correlationId: req.requestId,
        causationId: req.idempotencyKey,
      });
    const exists = (await this.runner.load(tenantDecider, streamId, req.caller.tenant)) !== undefined;
    if (exists) return run(false);
    try {
      return await run(true);
    } catch (err) {
      if (err instanceof WrongExpectedVersionError && req.ifMatch === undefined) return run(false);
      throw err;
    }
  }

  static response(result: WriteResult<TenantState>): TenantWriteResponse {
    return {
      version: result.version,
      ...(result.position !== undefined ? { position: result.position } : {}),
    };
  }
}
