import { DateField } from '../../common/dto';

export class WithdrawConsentDto {
  @DateField({ description: 'Business date the consent was withdrawn; never in the future' })
  withdrawnOn!: string;
}
