import type { Party, Role } from './principal';

/** The tenant of the demo torg (`npm run demo`) and of the development sign-in. */
export const DEMO_TENANT = 'demo';

/**
 * A fictitious person at the demo torg. `id` is the token's `sub`, and the same id the demo data
 * names as case owner, handläggare and meeting member, so signing in as them shows their cases.
 */
export interface DemoUser {
  id: string;
  name: string;
  roles: Role[];
  party?: Party;
  description: string;
}

// Made-up names; any likeness to a real person is chance.
export const DEMO_USERS: readonly DemoUser[] = [
  {
    id: 'demo-processledare',
    name: 'Maria Lindqvist',
    roles: ['processledare'],
    description:
      'Processledare på Arbetsmarknadstorget: tar emot nya ärenden, bygger beredningsgruppens dagordning, ' +
      'för protokoll och följer upp tidsfrister.',
  },
  {
    id: 'demo-handlaggare-kommun',
    name: 'Johan Ekström',
    roles: ['handlaggare'],
    party: 'KOMMUN',
    description: 'Socialsekreterare, ekonomiskt bistånd (kommunen). Initierar ärenden och begär SIP.',
  },
  {
    id: 'demo-handlaggare-region',
    name: 'Sara Holmgren',
    roles: ['handlaggare'],
    party: 'REGION',
    description: 'Rehabkoordinator på vårdcentralen (regionen). Initierar ärenden och begär SIP.',
  },
  {
    id: 'demo-handlaggare-af',
    name: 'Ahmed Karimi',
    roles: ['handlaggare'],
    party: 'ARBETSFORMEDLINGEN',
    description: 'Arbetsförmedlare på AMT (Arbetsförmedlingen). Driver ärenden och registrerar insatser.',
  },
  {
    id: 'demo-handlaggare-fk',
    name: 'Eva Strandberg',
    roles: ['handlaggare'],
    party: 'FORSAKRINGSKASSAN',
    description: 'Handläggare sjukförsäkring (Försäkringskassan). Initierar ärenden och följer upp.',
  },
  {
    id: 'demo-beredning-kommun',
    name: 'Lena Bergqvist',
    roles: ['beredning'],
    party: 'KOMMUN',
    description: 'Enhetschef, arbetsmarknadsenheten. Kommunens ledamot i beredningsgruppen.',
  },
  {
    id: 'demo-beredning-region',
    name: 'Peter Nyström',
    roles: ['beredning'],
    party: 'REGION',
    description: 'Kurator, vuxenpsykiatrin. Regionens ledamot i beredningsgruppen.',
  },
  {
    id: 'demo-beredning-af',
    name: 'Karin Sjöberg',
    roles: ['beredning'],
    party: 'ARBETSFORMEDLINGEN',
    description:
      'Specialist, arbetslivsinriktad rehabilitering. Arbetsförmedlingens ledamot i beredningsgruppen.',
  },
  {
    id: 'demo-beredning-fk',
    name: 'Mikael Dahlberg',
    roles: ['beredning'],
    party: 'FORSAKRINGSKASSAN',
    description: 'Samverkanshandläggare. Försäkringskassans ledamot i beredningsgruppen.',
  },
  {
    id: 'demo-forbundschef',
    name: 'Anders Wallin',
    roles: ['manager'],
    description: 'Förbundschef, samordningsförbundet. Ser statistik och översikter, aldrig personuppgifter.',
  },
  {
    id: 'demo-admin',
    name: 'Sofia Åberg',
    roles: ['admin'],
    description:
      'Systemförvaltare. Ställer in torget: parter, enheter, insatskatalog, mötesrytm och gallring.',
  },
];

export function findDemoUser(id: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.id === id);
}

/** The demo user of a role, and of a party where the role acts for one. */
export function demoUser(role: Role, party?: Party): DemoUser {
  const user = DEMO_USERS.find((u) => u.roles.includes(role) && (party === undefined || u.party === party));
  if (!user) throw new Error(`No demo user with the role ${role}${party ? ` for ${party}` : ''}`);
  return user;
}
