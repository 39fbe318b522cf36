import { formatNumber } from '../i18n/format';

/** A count as the API publishes it: an integer, "<5" (1–4, for a manager) or null (withheld). */
export type Cell = number | '<5' | null | undefined;

/** A cell as shown: "–" where withheld; never computed from other cells. */
export function formatCell(value: Cell): string {
  return value === null || value === undefined ? '–' : formatNumber(value);
}

/** The cell beside the compared period's: "95 (84)". */
export function formatCompared(value: Cell, compared: Cell | false): string {
  return compared === false ? formatCell(value) : `${formatCell(value)} (${formatCell(compared)})`;
}
