import { Global, Module } from '@nestjs/common';
import { AuditInterceptor } from './audit.interceptor';
import { AuditLog } from '@app/security';
import { ListAuditHttpController } from './list-audit/list-audit.http.controller';

/** The audit log: written by AuditInterceptor (registered globally by AppModule), read by admins. */
@Global()
@Module({
  controllers: [ListAuditHttpController],
  providers: [AuditLog, AuditInterceptor],
  exports: [AuditLog, AuditInterceptor],
})
export class AuditModule {}
