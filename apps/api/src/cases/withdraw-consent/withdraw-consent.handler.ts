import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandRequest } from '../../common/write-request';
import { CaseService, type WriteResponse } from '@app/write';
import type { WithdrawConsentDto } from './withdraw-consent.dto';

export class WithdrawConsentCommand extends CaseCommandRequest<WithdrawConsentDto> {}

@CommandHandler(WithdrawConsentCommand)
export class WithdrawConsentHandler implements ICommandHandler<WithdrawConsentCommand> {
  constructor(private readonly cases: CaseService) {}

  async execute({ req, body }: WithdrawConsentCommand): Promise<WriteResponse> {
    const result = await this.cases.write(req, () => ({
      type: 'WithdrawConsent',
      withdrawnOn: body.withdrawnOn,
    }));
    return CaseService.response(req.caseId, result);
  }
}
