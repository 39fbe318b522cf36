/** The period the Statistik screen asks for: a calendar year, a delår (1 Jan – 30 Jun) or any range. */
export type PeriodKind = 'year' | 'half' | 'custom';

export interface PeriodChoice {
  kind: PeriodKind;
  year: number;
  from: string;
  to: string;
  compare: boolean;
}

export interface PeriodQuery {
  from: string;
  to: string;
  compareFrom?: string;
  compareTo?: string;
}

/** The same date one year earlier (29 Feb becomes 28 Feb). */
export function yearBefore(iso: string): string {
  const y = Number(iso.slice(0, 4)) - 1;
  const md = iso.slice(5, 10);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/** The dates of the choice, or undefined while a custom range is incomplete or reversed. */
export function periodQuery(choice: PeriodChoice): PeriodQuery | undefined {
  let from: string;
  let to: string;
  if (choice.kind === 'year') {
    from = `${choice.year}-01-01`;
    to = `${choice.year}-12-31`;
  } else if (choice.kind === 'half') {
    from = `${choice.year}-01-01`;
    to = `${choice.year}-06-30`;
  } else {
    from = choice.from;
    to = choice.to;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to) return undefined;
  }
  return choice.compare
    ? { from, to, compareFrom: yearBefore(from), compareTo: yearBefore(to) }
    : { from, to };
}
