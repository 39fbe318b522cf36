import { deciderSpecification } from '../testing/given';
import { actors, catalogue, meta } from '../testing/fixtures';
import { decideConsultation } from './decide';
import { evolveConsultation } from './evolve';
import { initialConsultationState } from './state';

const consultation = deciderSpecification(
  { decide: decideConsultation, evolve: evolveConsultation, initialState: initialConsultationState },
  { ctx: { catalogue }, meta: meta(actors.af, '2025-03-10') },
);

describe('consultation: names every object has are no insats codes', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'refuses %s as not in the catalogue (R9), not as retired',
    (insatsCode) => {
      consultation([])
        .when({ type: 'RecordConsultation', consultationId: 'k1', insatsCode })
        .thenRefuses('R9', 'insats-not-in-catalogue');
    },
  );
});
