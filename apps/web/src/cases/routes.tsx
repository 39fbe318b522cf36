import type { AreaRoute } from '../common/area-route';
import { CasePage } from './CasePage';
import { CasesPage } from './CasesPage';
import { NewCasePage } from './NewCasePage';

// `nytt` before `:caseId`, so that the new-case form is never read as a case id.
export const casesRoutes: AreaRoute[] = [
  { path: '/arenden', element: <CasesPage /> },
  { path: '/arenden/nytt', element: <NewCasePage /> },
  { path: '/arenden/:caseId', element: <CasePage /> },
];
