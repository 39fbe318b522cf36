import { Body, Controller, Delete, HttpCode, Param, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PARTIES } from '@app/case-domain';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { validationError, notFound } from '@app/runtime';
import { WebhookService } from '@app/scheduling';
import { SetPartyWebhookDto } from './set-party-webhook.dto';
import { ApiAuthenticated, ApiProblems } from '../../common/api-docs';
import { PartyWebhookView } from './set-party-webhook.response';

function partyParam(party: string): string {
  if (!(PARTIES as readonly string[]).includes(party)) {
    throw validationError([{ field: 'party', message: `must be one of ${PARTIES.join(', ')}` }]);
  }
  return party;
}

@ApiTags('admin')
@ApiAuthenticated()
@Controller('api/v1/admin/parties')
export class SetPartyWebhookHttpController {
  constructor(private readonly webhooks: WebhookService) {}

  @Put(':party/webhook')
  @HttpCode(200)
  @ApiProblems(400, 413, 415)
  @ApiOkResponse({ type: PartyWebhookView, description: 'The webhook is set' })
  @Allow('admin')
  @ApiOperation({
    operationId: 'setPartyWebhook',
    summary: 'Send the party’s notices to a webhook',
    description:
      'Notices (a deadline due or missed, a SIP booked, a case returned) to this party are POSTed as JSON ' +
      '`{ id, caseId, kind, occurredOn }` with `X-Amt-Signature: sha256=<HMAC-SHA256 of the body>` and `X-Amt-Notice-Id`, ' +
      'retried with backoff until a 2xx answer; delivery is at least once, so receivers drop a repeated notice id. ' +
      'Without a webhook the party’s users read them at GET /api/v1/notifications. The secret is never returned.',
  })
  @ApiParam({ name: 'party', enum: PARTIES })
  async set(@Caller() caller: Principal, @Param('party') party: string, @Body() body: SetPartyWebhookDto) {
    const { updatedAt } = await this.webhooks.set(caller.tenant, partyParam(party), body.url, body.secret);
    return { party, url: body.url, updatedAt };
  }

  @Delete(':party/webhook')
  @HttpCode(204)
  @ApiProblems(400, 404)
  @Allow('admin')
  @ApiOperation({
    operationId: 'removePartyWebhook',
    summary: 'Stop sending the party’s notices to a webhook; they are listed instead',
  })
  @ApiParam({ name: 'party', enum: PARTIES })
  @ApiNoContentResponse()
  async remove(@Caller() caller: Principal, @Param('party') party: string): Promise<void> {
    if (!(await this.webhooks.remove(caller.tenant, partyParam(party)))) throw notFound('webhook');
  }
}
