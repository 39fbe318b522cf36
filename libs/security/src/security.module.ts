import { Global, Module } from '@nestjs/common';
import { CaseAccess } from './access/case-access';
import { AuditLog } from './audit/audit-log';
import { PersonCases } from './personal-data/person-cases';
import { PersonalDataService } from './personal-data/personal-data.service';

/** Who may see what, the audit log and personal data, for every process. */
@Global()
@Module({
  providers: [CaseAccess, AuditLog, PersonalDataService, PersonCases],
  exports: [CaseAccess, AuditLog, PersonalDataService, PersonCases],
})
export class SecurityModule {}
