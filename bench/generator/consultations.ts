import {
  type ConsultationState,
  decideConsultation,
  evolveConsultation,
  initialConsultationState,
} from '@app/case-domain';
import { type TenantSim, Generator, nextWeekday, catalogueAt } from './sim';

/** Volyminsatser: consultations about a case without registering the person. */
export function recordConsultations(
  g: Generator,
  t: TenantSim,
  count: number,
  fromDay: number,
  horizon: number,
): void {
  const r = g.rng;
  for (let i = 0; i < count; i++) {
    const day = nextWeekday(r.int(fromDay, horizon - 2));
    const cat = catalogueAt(t, day);
    const code = r.pick(cat.codes);
    const party = cat.catalogue[code].party;
    const actor = r.chance(0.7) ? r.pick(t.caseworkers[party]) : r.pick(t.processledare);
    const id = r.uuid();
    const stream = g.stream(`consultation-${id}`, 'consultation', t.id);
    let state: ConsultationState = initialConsultationState();
    try {
      const events = decideConsultation(
        { type: 'RecordConsultation', consultationId: id, insatsCode: code, heldOn: g.date(day) },
        state,
        { catalogue: cat.catalogue },
        g.meta(t.id, actor, day),
      );
      for (const e of events) state = evolveConsultation(state, e);
      g.record(stream, events, day, actor);
    } catch (err) {
      g.refuse(err);
    }
  }
}
