/**
 * Swedish personnummer and samordningsnummer (coordination number: day of month + 60).
 * Accepted: YYYYMMDDNNNC, YYYYMMDD-NNNC, YYMMDD-NNNC, YYMMDD+NNNC (100 or older), YYMMDDNNNC.
 * Messages never contain the number: callers may log or return them as they are.
 */

export interface Personnummer {
  /** Twelve digits, no separator; for a samordningsnummer the day keeps its +60. */
  normalized: string;
  /** The real birth date, `YYYY-MM-DD`. */
  birthDate: string;
  coordinationNumber: boolean;
}

export type InvalidPersonnummerReason = 'FORMAT' | 'DATE' | 'CHECK_DIGIT' | 'FUTURE_DATE';

export type PersonnummerParseResult =
  { valid: true; value: Personnummer } | { valid: false; reason: InvalidPersonnummerReason; message: string };

const MESSAGES: Record<InvalidPersonnummerReason, string> = {
  FORMAT: 'Personnummer must be YYYYMMDDNNNC, YYYYMMDD-NNNC, YYMMDD-NNNC, YYMMDD+NNNC or YYMMDDNNNC',
  DATE: 'Personnummer does not contain an existing date',
  CHECK_DIGIT: 'Personnummer check digit does not match',
  FUTURE_DATE: 'Personnummer birth date lies after the reference date',
};

export class InvalidPersonnummerError extends Error {
  constructor(readonly reason: InvalidPersonnummerReason) {
    super(MESSAGES[reason]);
    this.name = 'InvalidPersonnummerError';
  }
}

const PATTERN = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/;
const REFERENCE_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Validates and normalises. `referenceDate` ('YYYY-MM-DD', usually today) decides the century of
 * the ten-digit forms: with `-` or no separator the latest century that puts the birth date on or
 * before it; with `+` the person turns 100 or more in the reference year.
 */
export function tryParsePersonnummer(input: string, referenceDate: string): PersonnummerParseResult {
  const ref = parseReferenceDate(referenceDate);
  const m = PATTERN.exec(typeof input === 'string' ? input.trim() : '');
  if (!m) return invalid('FORMAT');
  const [, century, yy, mm, dd, separator, serial, check] = m;
  // The + separator only carries meaning in the ten-digit form.
  if (century !== undefined && separator === '+') return invalid('FORMAT');

  const month = Number(mm);
  const rawDay = Number(dd);
  const coordinationNumber = rawDay > 60;
  const day = coordinationNumber ? rawDay - 60 : rawDay;

  if (luhnCheckDigit(`${yy}${mm}${dd}${serial}`) !== Number(check)) return invalid('CHECK_DIGIT');

  let year: number;
  if (century !== undefined) {
    year = Number(`${century}${yy}`);
  } else if (separator === '+') {
    const latest = ref.year - 100;
    year = latest - mod(latest - Number(yy), 100);
  } else {
    year = ref.year - mod(ref.year - Number(yy), 100);
    // Not born yet this year: the previous century (a number written before the 100th year's +).
    if (isDateValid(year, month, day) && compare(year, month, day, ref) > 0) year -= 100;
  }

  if (!isDateValid(year, month, day)) return invalid('DATE');
  if (compare(year, month, day, ref) > 0) return invalid('FUTURE_DATE');

  return {
    valid: true,
    value: {
      normalized: `${pad(year, 4)}${mm}${dd}${serial}${check}`,
      birthDate: `${pad(year, 4)}-${mm}-${pad(day, 2)}`,
      coordinationNumber,
    },
  };
}

/** As {@link tryParsePersonnummer}, throwing {@link InvalidPersonnummerError} when invalid. */
export function parsePersonnummer(input: string, referenceDate: string): Personnummer {
  const result = tryParsePersonnummer(input, referenceDate);
  if (!result.valid) throw new InvalidPersonnummerError(result.reason);
  return result.value;
}

/** Luhn check digit of the nine digits YYMMDDNNN. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    let d = nineDigits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

interface Ymd {
  year: number;
  month: number;
  day: number;
}

function parseReferenceDate(value: string): Ymd {
  const m = REFERENCE_DATE.exec(value);
  const ymd = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
  if (!ymd || !isDateValid(ymd.year, ymd.month, ymd.day)) {
    throw new TypeError('referenceDate must be an existing date formatted YYYY-MM-DD');
  }
  return ymd;
}

function isDateValid(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
}

function compare(year: number, month: number, day: number, ref: Ymd): number {
  return year - ref.year || month - ref.month || day - ref.day;
}

function invalid(reason: InvalidPersonnummerReason): PersonnummerParseResult {
  return { valid: false, reason, message: MESSAGES[reason] };
}

const mod = (a: number, n: number) => ((a % n) + n) % n;
const pad = (n: number, width: number) => String(n).padStart(width, '0');
