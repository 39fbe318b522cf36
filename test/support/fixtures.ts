// Requests the scenarios share: a valid initiation by a socialsekreterare at the kommun, and so on.
export const PNR = '19900101-0017';

export function initiation(overrides: Record<string, unknown> = {}) {
  return {
    person: { personnummer: PNR, name: 'Anna Andersson', gender: 'KVINNA' },
    consent: {
      givenBy: 'PERSON',
      givenOn: '2026-06-01',
      form: 'SKRIFTLIG',
      documentRef: 'ProCapita dok 4711',
      scopeParties: ['KOMMUN', 'ARBETSFORMEDLINGEN', 'REGION'],
    },
    initiatingParty: 'KOMMUN',
    initiatingUnit: 'EKONOMISKT_BISTAND',
    otherParties: ['ARBETSFORMEDLINGEN'],
    question: 'Hur kan Anna komma närmare arbete trots sin ångest?',
    needs: 'Stöd från psykiatrin och en arbetsförmedlare på AMT.',
    incomeSource: 'FORSORJNINGSSTOD',
    targetGroups: ['LANGTIDSBIDRAGSTAGARE'],
    initiatedOn: '2026-06-02',
    ...overrides,
  };
}
