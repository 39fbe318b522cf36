import {
  InvalidPersonnummerError,
  luhnCheckDigit,
  parsePersonnummer,
  tryParsePersonnummer,
} from './personnummer';

const REF = '2025-03-01';
/** Completes nine digits YYMMDDNNN with their check digit, for numbers that are wrong in another way. */
const withCheck = (nine: string) => `${nine}${luhnCheckDigit(nine)}`;

describe('personnummer', () => {
  describe('given a valid number, when parsed, then it is normalised to 12 digits', () => {
    it.each([
      ['191212121212', '191212121212', '1912-12-12', false],
      ['19121212-1212', '191212121212', '1912-12-12', false],
      ['121212-1212', '201212121212', '2012-12-12', false],
      ['1212121212', '201212121212', '2012-12-12', false],
      ['121212+1212', '191212121212', '1912-12-12', false],
      ['811228-9874', '198112289874', '1981-12-28', false],
      ['8112289874', '198112289874', '1981-12-28', false],
      ['  811228-9874 ', '198112289874', '1981-12-28', false],
      ['670919-9530', '196709199530', '1967-09-19', false],
      ['990101-0000', '199901010000', '1999-01-01', false],
      // samordningsnummer: day + 60
      ['701063-2391', '197010632391', '1970-10-03', true],
      ['19701063-2391', '197010632391', '1970-10-03', true],
      ['7010632391', '197010632391', '1970-10-03', true],
      ['701063+2391', '187010632391', '1870-10-03', true],
      // leap days
      ['000229-1235', '200002291235', '2000-02-29', false],
      ['040229-1231', '200402291231', '2004-02-29', false],
      // century inference around the reference date (2025-03-01)
      ['250301' + '-' + withCheck('250301123').slice(6), `20${withCheck('250301123')}`, '2025-03-01', false],
      ['250101-1239', '202501011239', '2025-01-01', false],
      ['250601-1234', '192506011234', '1925-06-01', false],
      ['250101+1239', '192501011239', '1925-01-01', false],
      ['250601+1234', '192506011234', '1925-06-01', false],
    ])('%s → %s', (input, normalized, birthDate, coordinationNumber) => {
      expect(parsePersonnummer(input, REF)).toEqual({ normalized, birthDate, coordinationNumber });
    });
  });

  describe('given an invalid number, when parsed, then it is refused with a reason and without the number', () => {
    it.each([
      ['811228-9875', 'CHECK_DIGIT'],
      ['8112289873', 'CHECK_DIGIT'],
      ['19811228-9875', 'CHECK_DIGIT'],
      ['701063-2392', 'CHECK_DIGIT'],
      ['230229-1238', 'DATE'], // 2023 is no leap year
      ['190002291235', 'DATE'], // 1900 neither
      [withCheck('881308123'), 'DATE'], // month 13
      [withCheck('880800123'), 'DATE'], // day 0
      [withCheck('880431123'), 'DATE'], // 31 April
      [withCheck('880860123'), 'DATE'], // samordningsnummer day 0
      [withCheck('880892123'), 'DATE'], // samordningsnummer day 32
      [`20${withCheck('991231123')}`, 'FUTURE_DATE'],
      [`20${withCheck('250302123')}`, 'FUTURE_DATE'],
      ['', 'FORMAT'],
      ['abc', 'FORMAT'],
      ['81122-89874', 'FORMAT'],
      ['811228 9874', 'FORMAT'],
      ['811228--9874', 'FORMAT'],
      ['8112289874x', 'FORMAT'],
      ['1981-12-28-9874', 'FORMAT'],
      ['19811228+9874', 'FORMAT'], // + only means something in the ten-digit form
      ['98112289874', 'FORMAT'], // 11 digits
      ['1198112289874', 'FORMAT'], // 13 digits
    ])('%s → %s', (input, reason) => {
      const result = tryParsePersonnummer(input, REF);
      expect(result).toMatchObject({ valid: false, reason });
      let thrown: unknown;
      try {
        parsePersonnummer(input, REF);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(InvalidPersonnummerError);
      expect((thrown as InvalidPersonnummerError).reason).toBe(reason);
      const digits = input.replace(/\D/g, '');
      if (digits.length >= 4) {
        expect((thrown as Error).message).not.toContain(digits.slice(-4));
        expect((thrown as Error).message).not.toContain(digits.slice(0, 6));
      }
      expect(String(thrown)).not.toMatch(/\d{4}/);
    });

    it('refuses a value that is not a string', () => {
      expect(tryParsePersonnummer(undefined as unknown as string, REF)).toMatchObject({
        valid: false,
        reason: 'FORMAT',
      });
    });
  });

  describe('the reference date', () => {
    it('decides the century of ten-digit numbers', () => {
      expect(parsePersonnummer('121212-1212', '2012-12-11').birthDate).toBe('1912-12-12');
      expect(parsePersonnummer('121212-1212', '2012-12-12').birthDate).toBe('2012-12-12');
      expect(parsePersonnummer('121212+1212', '2012-12-12').birthDate).toBe('1912-12-12');
      expect(parsePersonnummer('121212-1212', '2111-01-01').birthDate).toBe('2012-12-12');
      expect(parsePersonnummer('121212+1212', '2111-01-01').birthDate).toBe('1912-12-12');
      expect(parsePersonnummer('121212+1212', '2112-01-01').birthDate).toBe('2012-12-12');
    });

    it.each(['2025-02-30', '2025-3-1', '20250301', ''])('must be an existing YYYY-MM-DD date: %j', (ref) => {
      expect(() => parsePersonnummer('811228-9874', ref)).toThrow(TypeError);
    });
  });

  it('computes the Luhn check digit over YYMMDDNNN', () => {
    expect(luhnCheckDigit('811228987')).toBe(4);
    expect(luhnCheckDigit('121212121')).toBe(2);
    expect(luhnCheckDigit('670919953')).toBe(0);
  });
});
