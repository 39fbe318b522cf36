import {
  type MeetingEvent,
  type MeetingState,
  evolveMeeting,
  initialMeetingState,
  readEvent,
} from '@app/case-domain';
import type { SqlQueryable } from '@app/event-store';
import { type Projection, byStream } from '@app/event-store';

interface AgendaRow {
  meeting_id: string;
  case_id: string;
  tenant: string;
  date: string;
  priority: boolean;
  decided_on: string | null;
}

/** rm_meetings (each meeting folded) and rm_agenda (case ↔ meeting, for the queue and beredning access). */
export const meetingsProjection: Projection = {
  name: 'meetings',
  tables: ['rm_meetings', 'rm_agenda'],
  streamLocal: true,
  accepts: (e) => e.streamId.startsWith('meeting-'),
  async apply(events, tx: SqlQueryable) {
    const streams = byStream(events, 'meeting-');
    if (streams.size === 0) return;
    const ids = [...streams.keys()];
    const { rows } = await tx.query<{ meeting_id: string; state: MeetingState }>(
      'SELECT meeting_id, state FROM rm_meetings WHERE meeting_id = ANY($1::uuid[])',
      [ids],
    );
    const known = new Map(rows.map((r) => [r.meeting_id, r.state]));
    const meetings: {
      meeting_id: string;
      tenant: string;
      version: number;
      date: string;
      state: MeetingState;
    }[] = [];
    const agenda: AgendaRow[] = [];
    for (const [id, list] of streams) {
      let state = known.get(id) ?? initialMeetingState();
      for (const e of list) {
        state = evolveMeeting(state, readEvent<MeetingEvent>(e));
      }
      if (state.status === 'NONE') continue;
      const last = list[list.length - 1];
      meetings.push({ meeting_id: id, tenant: last.tenant, version: last.version, date: state.date, state });
      const decided = new Map(state.decisions.map((d) => [d.caseId, d.decidedOn]));
      const onAgenda = new Map(state.agenda.map((a) => [a.caseId, a.priority]));
      for (const caseId of new Set([...onAgenda.keys(), ...decided.keys()])) {
        agenda.push({
          meeting_id: id,
          case_id: caseId,
          tenant: last.tenant,
          date: state.date,
          priority: onAgenda.get(caseId) ?? false,
          decided_on: decided.get(caseId) ?? null,
        });
      }
    }
    await tx.query(
      `INSERT INTO rm_meetings (meeting_id, tenant, version, date, state)
       SELECT meeting_id, tenant, version, date, state
         FROM jsonb_to_recordset($1::jsonb) AS x(meeting_id uuid, tenant text, version bigint, date date, state jsonb)
       ON CONFLICT (meeting_id) DO UPDATE SET version = excluded.version, date = excluded.date, state = excluded.state`,
      [JSON.stringify(meetings)],
    );
    await tx.query('DELETE FROM rm_agenda WHERE meeting_id = ANY($1::uuid[])', [ids]);
    if (agenda.length) {
      await tx.query(
        `INSERT INTO rm_agenda (meeting_id, case_id, tenant, date, priority, decided_on)
         SELECT meeting_id, case_id, tenant, date, priority, decided_on
           FROM jsonb_to_recordset($1::jsonb)
             AS x(meeting_id uuid, case_id uuid, tenant text, date date, priority boolean, decided_on date)`,
        [JSON.stringify(agenda)],
      );
    }
  },
};
