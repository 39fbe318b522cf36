import { Module } from '@nestjs/common';
import { ListNotificationsHttpController } from './list-notifications/list-notifications.http.controller';
import { SetPartyWebhookHttpController } from './set-party-webhook/set-party-webhook.http.controller';

/**
 * Notices to the parties: listed from the notifications read model (a projection), delivered to
 * the parties' webhooks by a reactor and a BullMQ job.
 */
@Module({
  controllers: [ListNotificationsHttpController, SetPartyWebhookHttpController],
})
export class NotificationsModule {}
