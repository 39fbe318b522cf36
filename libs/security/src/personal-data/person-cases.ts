import { Injectable } from '@nestjs/common';
import { EventStore } from '@app/event-store';
import { ReadModelSync, requireCaughtUp } from '@app/read-models';

/** The cases of a person, from the cases read model once it holds every event written so far. */
@Injectable()
export class PersonCases {
  constructor(
    private readonly store: EventStore,
    private readonly sync: ReadModelSync,
  ) {}

  /**
   * The ids of the person's cases in the tenant, oldest first; first waiting (bounded, else 503)
   * until the read model holds every event written so far, unless `wait` is false.
   */
  async caseIds(tenant: string, personId: string, { wait = true } = {}): Promise<string[]> {
    // Every write answered so far (the last position written, not the last one readers may see
    // now, which another transaction in flight can hold back): an extract or an erasure right
    // after an initiation finds its case.
    if (wait) await requireCaughtUp(this.sync, 'cases', await this.store.lastPosition());
    const { rows } = await this.store.sql.query<{ case_id: string }>(
      'SELECT case_id::text AS case_id FROM rm_cases WHERE tenant = $1 AND person_id = $2::uuid ORDER BY initiated_on, case_id',
      [tenant, personId],
    );
    return rows.map((r) => r.case_id);
  }

  /** The person was ever registered in the tenant: a data key, an erasure, or a case. */
  async known(tenant: string, personId: string): Promise<boolean> {
    const { rows } = await this.store.sql.query(
      `SELECT 1 FROM person_keys WHERE tenant = $1 AND person_id = $2::uuid
       UNION ALL SELECT 1 FROM person_erasures WHERE tenant = $1 AND person_id = $2::uuid
       UNION ALL SELECT 1 FROM rm_cases WHERE tenant = $1 AND person_id = $2::uuid
       LIMIT 1`,
      [tenant, personId],
    );
    return rows.length > 0;
  }
}
