import type { Party } from '../codes';

export type ConsultationState =
  | { status: 'NONE' }
  | { status: 'RECORDED'; consultationId: string; insatsCode: string; party: Party; heldOn: string };

export function initialConsultationState(): ConsultationState {
  return { status: 'NONE' };
}
