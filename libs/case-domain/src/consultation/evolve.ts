import type { ConsultationEvent } from './events';
import type { ConsultationState } from './state';

export function evolveConsultation(state: ConsultationState, event: ConsultationEvent): ConsultationState {
  switch (event.type) {
    case 'ConsultationRecorded': {
      const { consultationId, insatsCode, party, occurredOn } = event.data;
      return { status: 'RECORDED', consultationId, insatsCode, party, heldOn: occurredOn };
    }
    default: {
      const _exhaustive: never = event.type;
      void _exhaustive;
      return state;
    }
  }
}
