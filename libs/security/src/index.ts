export * from './personal-data/personnummer';
export * from './personal-data/master-key';
export { resolveDataDir } from './personal-data/secret-file';
export {
  PersonalDataDecryptionError,
  SEALED_PREFIX,
  isSealed,
  sealedPersonId,
} from './personal-data/envelope';
export * from './personal-data/personal-data-cipher';
export * from './personal-data/person-registry';
export * from './auth/principal';
export * from './auth/dev-token';
export * from './auth/token-verifier';
export * from './access/case-access';
export * from './audit/audit-log';
export * from './audit/audit-scope';
export * from './personal-data/personal-data.service';
export * from './personal-data/open-sealed';
export * from './personal-data/person-cases';
export * from './security.module';
export * from './auth/demo-users';
