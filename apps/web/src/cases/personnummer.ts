/**
 * A personnummer or samordningsnummer as the API takes it (YYYYMMDD-NNNC, YYYYMMDDNNNC, YYMMDD-NNNC,
 * YYMMDD+NNNC), checked on the client for the typing mistakes a check digit catches. The API stays
 * the judge; this only spares the user a round trip.
 */
export function personnummerProblem(input: string): 'format' | 'date' | 'checkDigit' | undefined {
  const value = input.trim();
  const match = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/.exec(value);
  if (!match) return 'format';
  const [, century, yy, mm, dd, , serial, check] = match;
  const month = Number(mm);
  // A samordningsnummer adds 60 to the day.
  const day = Number(dd) > 60 ? Number(dd) - 60 : Number(dd);
  if (month < 1 || month > 12 || day < 1 || day > 31) return 'date';
  if (century !== undefined) {
    const date = new Date(Number(`${century}${yy}`), month - 1, day);
    if (date.getMonth() !== month - 1) return 'date';
  }
  const digits = `${yy}${mm}${dd}${serial}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === Number(check) ? undefined : 'checkDigit';
}
