import { DateField } from '../../common/dto';

export class AcceptCaseDto {
  @DateField({ optional: true, description: 'Business date of the intake; default today' })
  acceptedOn?: string;
}
