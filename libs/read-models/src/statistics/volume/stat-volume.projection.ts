import {
  type ClosingSurveyAnswered,
  type ConsultationRecorded,
  type CatalogueInsatsUpserted,
  SURVEY_QUESTIONS,
  readEvent,
} from '@app/case-domain';
import type { RecordedEvent, SqlQueryable, Projection } from '@app/event-store';
import { changesOf, changesUpsert, recordsetInsert, statisticsJson } from '../cases/recordset';

// What statistics count without a person: the catalogue's names (rows are labelled and ordered by
// it), consultations (volyminsatser) and the anonymous closing surveys. Each is one event of its
// own, so no fold is needed: the event's data is the row.

const CATALOGUE = recordsetInsert(
  'stat_insatser',
  { tenant: 'text', code: 'text', name: 'text', party: 'text', active: 'boolean', seq: 'bigint' },
  // seq keeps the position the code was first added at: the catalogue's order.
  { keys: ['tenant', 'code'], update: ['name', 'party', 'active'] },
);

const CONSULTATIONS = recordsetInsert(
  'stat_consultations',
  { consultation_id: 'text', tenant: 'text', insats_code: 'text', party: 'text', held_on: 'date' },
  { keys: ['consultation_id'], update: 'nothing' },
);

const SURVEYS = recordsetInsert(
  'stat_surveys',
  {
    survey_id: 'text',
    tenant: 'text',
    insats_code: 'text',
    answered_on: 'date',
    ...Object.fromEntries(SURVEY_QUESTIONS.map((q) => [q, 'text'])),
  },
  { keys: ['survey_id'], update: 'nothing' },
);

const CHANGES = changesUpsert('stat_volume_changes');

function data<E extends { data: unknown }>(e: RecordedEvent): E['data'] {
  return readEvent<E>(e).data;
}

/** The events this read model is made of, by the row they give; any other is none of its business. */
function rowOf(e: RecordedEvent): 'catalogue' | 'consultation' | 'survey' | undefined {
  if (e.type === 'CatalogueInsatsUpserted' && e.streamId.startsWith('tenant-')) return 'catalogue';
  if (e.type === 'ConsultationRecorded' && e.streamId.startsWith('consultation-')) return 'consultation';
  if (e.type === 'ClosingSurveyAnswered' && e.streamId.startsWith('survey-')) return 'survey';
  return undefined;
}

/** stat_insatser, stat_consultations, stat_surveys, and where each tenant's statistics stand (stat_volume_changes). */
export const statisticsVolumeProjection: Projection = {
  name: 'statistics-volume',
  tables: ['stat_insatser', 'stat_consultations', 'stat_surveys', 'stat_volume_changes'],
  // Each row comes from one stream: a code from its tenant's stream (seq is the event's own
  // position, whatever order the streams are read in), a consultation or survey from its own.
  streamLocal: true,
  accepts: (e) => rowOf(e) !== undefined,
  async apply(events, tx: SqlQueryable) {
    // Last write of a code in the batch wins; its first position orders it.
    const catalogue = new Map<string, Record<string, unknown>>();
    const consultations: Record<string, unknown>[] = [];
    const surveys: Record<string, unknown>[] = [];
    for (const e of events) {
      const row = rowOf(e);
      if (row === 'catalogue') {
        const d = data<CatalogueInsatsUpserted>(e);
        const key = `${e.tenant}\u0000${d.code}`;
        const seq = (catalogue.get(key)?.seq as number | undefined) ?? e.position;
        catalogue.set(key, {
          tenant: e.tenant,
          code: d.code,
          name: d.name,
          party: d.party,
          active: d.active,
          seq,
        });
      } else if (row === 'consultation') {
        const d = data<ConsultationRecorded>(e);
        consultations.push({
          consultation_id: d.consultationId,
          tenant: e.tenant,
          insats_code: d.insatsCode,
          party: d.party,
          held_on: d.occurredOn,
        });
      } else if (row === 'survey') {
        const d = data<ClosingSurveyAnswered>(e);
        surveys.push({
          survey_id: d.surveyId,
          tenant: e.tenant,
          insats_code: d.insatsCode,
          answered_on: d.occurredOn,
          ...Object.fromEntries(SURVEY_QUESTIONS.map((q) => [q, d.answers[q] ?? null])),
        });
      }
    }
    if (catalogue.size) await tx.query(CATALOGUE, [statisticsJson([...catalogue.values()])]);
    if (consultations.length) await tx.query(CONSULTATIONS, [statisticsJson(consultations)]);
    if (surveys.length) await tx.query(SURVEYS, [statisticsJson(surveys)]);
    const changes = changesOf(events, (e) => rowOf(e) !== undefined);
    if (changes.length) await tx.query(CHANGES, [statisticsJson(changes)]);
  },
};
