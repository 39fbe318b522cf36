export * from './personnummer';
export * from './master-key';
export { resolveDataDir } from './secret-file';
export { PersonalDataDecryptionError, SEALED_PREFIX, isSealed, sealedPersonId } from './envelope';
export * from './personal-data-cipher';
export * from './person-registry';
export * from './auth/principal';
export * from './auth/dev-token';
export * from './auth/token-verifier';
