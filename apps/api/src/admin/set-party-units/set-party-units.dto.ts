import { NestedListField, TextField } from '../../common/dto';

export class PartyUnitDto {
  @TextField(64, { description: 'Letters, digits, _ . -', example: 'EKONOMISKT_BISTAND' })
  code!: string;

  @TextField(200, { example: 'Ekonomiskt bistånd' })
  name!: string;
}

/** The party's complete list of units: it replaces the one before. */
export class SetPartyUnitsDto {
  @NestedListField(() => PartyUnitDto, { maxItems: 200 })
  units!: PartyUnitDto[];
}
