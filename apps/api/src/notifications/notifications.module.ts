import { Module } from '@nestjs/common';
import { ListNotificationsHttpController } from './list-notifications/list-notifications.http.controller';
import { NoticeDelivery } from './notice-delivery';
import { SetPartyWebhookHttpController } from './set-party-webhook/set-party-webhook.http.controller';
import { WebhookService } from './webhook.service';

/**
 * Notices to the parties: listed from the notifications read model (a projection), delivered to
 * the parties' webhooks by a reactor and a BullMQ job.
 */
@Module({
  controllers: [ListNotificationsHttpController, SetPartyWebhookHttpController],
  providers: [WebhookService, NoticeDelivery],
})
export class NotificationsModule {}
