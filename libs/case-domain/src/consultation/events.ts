// A volyminsats: a consultation about a case without registering the person. One event per stream.
import type { Party } from '../codes';

export type ConsultationRecorded = {
  type: 'ConsultationRecorded';
  data: { consultationId: string; insatsCode: string; party: Party; occurredOn: string };
};

export type ConsultationEvent = ConsultationRecorded;
