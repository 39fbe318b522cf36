import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  IsString,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
  Validate,
} from 'class-validator';
import { validationPipe, validationPipeOptions } from '../app.module';
import { InitiateCaseDto } from '../cases/initiate-case/initiate-case.dto';
import { RecordFollowUpDto } from '../cases/record-follow-up/record-follow-up.dto';
import { SetPartyUnitsDto } from '../admin/set-party-units/set-party-units.dto';
import { NestedField, NestedListField, TextField } from './dto';

// The contract pipe must answer every body exactly as Nest's ValidationPipe with the same options
// does: the same DTO instance for a valid one, the same problem for an invalid one. Each case runs
// both pipes on its own copy of the body, parsed from JSON as a request's is, and compares the
// outcomes, classes included.

const contract = validationPipe();
const nest = new ValidationPipe(validationPipeOptions());

type Outcome = { value: unknown } | { problem: unknown };

async function outcome(
  pipe: ValidationPipe,
  metatype: ArgumentMetadata['metatype'],
  body: unknown,
): Promise<Outcome> {
  try {
    const parsed: unknown = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
    return { value: await pipe.transform(parsed, { type: 'body', metatype }) };
  } catch (err) {
    return { problem: (err as { getResponse?: () => unknown }).getResponse?.() ?? String(err) };
  }
}

/** Both pipes' outcomes, and whether the contract pipe needed Nest's own way for it. */
async function both(metatype: ArgumentMetadata['metatype'], body: unknown) {
  const own = jest.spyOn(ValidationPipe.prototype, 'transform');
  const ours = await outcome(contract, metatype, body);
  const tookTheLongWay = own.mock.calls.length > 0;
  own.mockRestore();
  const theirs = await outcome(nest, metatype, body);
  expect(ours).toStrictEqual(theirs);
  return { ours, tookTheLongWay };
}

const validInitiation = {
  person: {
    personnummer: '19900101-0017',
    name: 'Anna Andersson',
    gender: 'KVINNA',
    protectedIdentity: false,
  },
  consent: {
    givenBy: 'PERSON',
    givenOn: '2026-03-02',
    form: 'SKRIFTLIG',
    scopeParties: ['KOMMUN', 'ARBETSFORMEDLINGEN'],
  },
  initiatingParty: 'KOMMUN',
  otherParties: ['ARBETSFORMEDLINGEN'],
  question: 'Vad behövs?',
  needs: 'Stöd',
  incomeSource: 'FORSORJNINGSSTOD',
  targetGroups: [],
};

describe('ContractValidationPipe', () => {
  it('answers a valid initiation without Nest’s own way, with the same DTO classes', async () => {
    const { ours, tookTheLongWay } = await both(InitiateCaseDto, validInitiation);
    expect(tookTheLongWay).toBe(false);
    const dto = (ours as { value: InitiateCaseDto }).value;
    expect(dto).toBeInstanceOf(InitiateCaseDto);
    expect(dto.person.constructor.name).toBe('PersonDto');
    expect(dto.consent.constructor.name).toBe('ConsentDto');
  });

  it.each([
    ['a missing nested object', { ...validInitiation, consent: undefined }],
    ['a nested object that is text', { ...validInitiation, person: 'Anna' }],
    ['a nested object that is a list', { ...validInitiation, person: [validInitiation.person] }],
    ['null for a nested object', { ...validInitiation, person: null }],
    ['an unknown key', { ...validInitiation, extra: 1 }],
    ['an unknown nested key', { ...validInitiation, person: { ...validInitiation.person, ssn: 'x' } }],
    ['a code not in the list', { ...validInitiation, initiatingParty: 'NOPE' }],
    ['a list code not in the list', { ...validInitiation, otherParties: ['ARBETSFORMEDLINGEN', 'NOPE'] }],
    ['a list that is not a list', { ...validInitiation, otherParties: 'ARBETSFORMEDLINGEN' }],
    ['blank text', { ...validInitiation, question: '   ' }],
    ['text with NUL', { ...validInitiation, needs: 'a\u0000b' }],
    ['a date that does not exist', { ...validInitiation, initiatedOn: '2026-02-30' }],
    ['a number for text', { ...validInitiation, question: 42 }],
    ['an object inside a list of codes', { ...validInitiation, targetGroups: [{}] }],
  ])('refuses %s as Nest’s own pipe does', async (_, body) => {
    const { ours, tookTheLongWay } = await both(InitiateCaseDto, body);
    expect(ours).toHaveProperty('problem');
    expect(tookTheLongWay).toBe(true);
  });

  it('takes optional fields given, left out and null as Nest’s own pipe does', async () => {
    for (const initiatedOn of ['2026-03-01', undefined, null]) {
      await both(InitiateCaseDto, {
        ...validInitiation,
        initiatedOn,
        initiatingUnit: initiatedOn ? 'X' : undefined,
      });
    }
  });

  it('answers numbers by their type: 3 is a month, "3" is not', async () => {
    const followUp = { month: 3, incomeSource: 'FORSORJNINGSSTOD', step: 2, vas: 40 };
    expect((await both(RecordFollowUpDto, followUp)).tookTheLongWay).toBe(false);
    expect((await both(RecordFollowUpDto, { ...followUp, month: '3' })).ours).toHaveProperty('problem');
    expect((await both(RecordFollowUpDto, { ...followUp, step: 2.5 })).ours).toHaveProperty('problem');
    expect((await both(RecordFollowUpDto, { ...followUp, vas: 101 })).ours).toHaveProperty('problem');
    expect((await both(RecordFollowUpDto, { ...followUp, notes: ' ' })).ours).toHaveProperty('problem');
  });

  it('copies a list of nested objects into their class, and refuses a null, text or list item as Nest does', async () => {
    const units = [
      { code: 'EB', name: 'Ekonomiskt bistånd' },
      { code: 'AMA', name: 'Arbetsmarknadsavdelningen' },
    ];
    const { ours, tookTheLongWay } = await both(SetPartyUnitsDto, { units });
    expect(tookTheLongWay).toBe(false);
    expect((ours as { value: SetPartyUnitsDto }).value.units[1].constructor.name).toBe('PartyUnitDto');
    await both(SetPartyUnitsDto, { units: [] });
    for (const bad of [[...units, null], [...units, 'x'], [{ code: 'EB' }], [[units[0]]]]) {
      const { ours, tookTheLongWay } = await both(SetPartyUnitsDto, { units: bad });
      expect(ours).toHaveProperty('problem');
      expect(tookTheLongWay).toBe(true);
    }
  });

  it('leaves bodies that are not a plain object to Nest’s own way', async () => {
    for (const body of [undefined, null, 'text', 42, [validInitiation]]) {
      expect((await both(InitiateCaseDto, body)).tookTheLongWay).toBe(true);
    }
  });

  it('leaves a key named constructor to Nest’s own way (which drops it; the body parser refuses it before)', async () => {
    expect((await both(InitiateCaseDto, { ...validInitiation, constructor: 'x' })).tookTheLongWay).toBe(true);
  });

  it('leaves a class with a @Transform, an asynchronous rule or a ValidateIf-guarded rule answered as Nest answers it', async () => {
    class Trimmed {
      @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
      @TextField(10)
      name!: string;
    }
    const trimmed = await both(Trimmed, { name: '  Anna  ' });
    expect(trimmed.tookTheLongWay).toBe(true);
    expect((trimmed.ours as { value: Trimmed }).value.name).toBe('Anna');

    @ValidatorConstraint({ name: 'later', async: true })
    class Later implements ValidatorConstraintInterface {
      validate(value: unknown) {
        return Promise.resolve(value === 'ok');
      }
    }
    class Checked {
      @Validate(Later)
      code!: string;
    }
    expect((await both(Checked, { code: 'ok' })).tookTheLongWay).toBe(true);
    expect((await both(Checked, { code: 'no' })).ours).toHaveProperty('problem');

    class Conditional {
      @TextField(10)
      kind!: string;

      @ValidateIf((o: Conditional) => o.kind === 'named')
      @IsString({ message: 'must be text' })
      name?: string;
    }
    expect((await both(Conditional, { kind: 'other', name: 5 })).tookTheLongWay).toBe(false);
    expect((await both(Conditional, { kind: 'named', name: 5 })).ours).toHaveProperty('problem');
  });

  it('validates nested classes declared without @Type as Nest does (refused: they stay plain objects)', async () => {
    class Inner {
      @TextField(10)
      name!: string;
    }
    class Outer {
      @ValidateNested()
      inner!: Inner;
    }
    expect((await both(Outer, { inner: { name: 'x' } })).tookTheLongWay).toBe(true);
    class Typed {
      @NestedField(() => Inner)
      inner!: Inner;

      @NestedListField(() => Inner, { optional: true })
      more?: Inner[];
    }
    expect((await both(Typed, { inner: { name: 'x' }, more: [{ name: 'y' }] })).tookTheLongWay).toBe(false);
    expect((await both(Typed, { inner: { name: 'x' }, more: null })).tookTheLongWay).toBe(false);
    expect((await both(Typed, { inner: { name: 'x' }, more: [{ name: 7 }] })).ours).toHaveProperty('problem');
    class Untyped {
      @Type(() => Inner)
      @ValidateNested()
      inner!: Inner;
    }
    await both(Untyped, { inner: { name: 'x' } });
  });

  it('leaves query and route parameters to Nest’s own way', async () => {
    const own = jest.spyOn(ValidationPipe.prototype, 'transform');
    await contract.transform({}, { type: 'query', metatype: SetPartyUnitsDto }).catch(() => undefined);
    expect(own).toHaveBeenCalled();
    own.mockRestore();
  });
});
