import type { ReactElement } from 'react';

/** A screen of one area, at its path; App composes the areas' lists. */
export interface AreaRoute {
  path: string;
  element: ReactElement;
}
