import { CONSENT_FORMS, CONSENT_GIVERS, GENDERS, INCOME_SOURCES, PARTIES, TARGET_GROUPS } from '@app/case-domain';
import { BooleanField, CodeField, CodesField, DateField, NestedField, TextField } from '../../common/dto';

export class PersonDto {
  @TextField(20, { description: 'Personnummer or samordningsnummer (YYYYMMDD-NNNN, YYMMDD-NNNN, …); stored only encrypted', example: '19900101-0017' })
  personnummer!: string;

  @TextField(200, { description: 'Name; stored only encrypted', example: 'Anna Andersson' })
  name!: string;

  @CodeField(GENDERS, { description: 'For statistics' })
  gender!: string;

  @DateField({ optional: true, description: 'Defaults to the date in the personnummer', example: '1990-01-01' })
  birthDate?: string;

  @BooleanField({ optional: true, description: 'Skyddade personuppgifter: the case is visible only to the processledare and the ärendebärare' })
  protectedIdentity?: boolean;
}

export class ConsentDto {
  @CodeField(CONSENT_GIVERS, { description: 'Who gave the consent' })
  givenBy!: string;

  @DateField({ description: 'When the consent was given' })
  givenOn!: string;

  @CodeField(CONSENT_FORMS)
  form!: string;

  @TextField(200, { optional: true, description: 'Reference to the consent document in the party’s own system' })
  documentRef?: string;

  @CodesField(PARTIES, { description: 'The parties information may be shared with' })
  scopeParties!: string[];

  @DateField({ optional: true, description: 'The consent ends on this date' })
  validUntil?: string;
}

export class InitiateCaseDto {
  @NestedField(() => PersonDto)
  person!: PersonDto;

  @NestedField(() => ConsentDto)
  consent!: ConsentDto;

  @CodeField(PARTIES, { description: 'The party raising the case: the caller’s own party (R1)' })
  initiatingParty!: string;

  @TextField(64, { optional: true, description: 'A unit code of the initiating party, e.g. ekonomiskt bistånd' })
  initiatingUnit?: string;

  @CodesField(PARTIES, { description: 'At least one other party whose involvement is needed (R3)' })
  otherParties!: string[];

  @TextField(10_000, { description: 'Frågeställning (R4); stored only encrypted' })
  question!: string;

  @TextField(10_000, { description: 'Behovsanalys (R4); stored only encrypted' })
  needs!: string;

  @CodeField(INCOME_SOURCES, { description: 'Income source at entry' })
  incomeSource!: string;

  @CodesField(TARGET_GROUPS, { description: 'Target-group tags' })
  targetGroups!: string[];

  @DateField({ optional: true, description: 'Business date of the initiation; default today, never in the future' })
  initiatedOn?: string;
}
