import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SqlClient } from '@app/event-store';
import { PersonRegistry } from './person-registry';
import { PersonalDataCipher, PersonalDataErasedError, PersonKeyNotFoundError } from './personal-data-cipher';
import { loadMasterKey } from './master-key';
import { APP_CONFIG, type AppConfig, SQL_CLIENT } from '@app/runtime';
import { conflict } from '@app/case-domain';
import { notePerson } from '../audit/audit-scope';

/**
 * Personal data at the edge of the write path: sealed with the person's own key before a command
 * reaches the decider, opened only for callers allowed to read it. The decider and the event
 * store only ever see sealed values.
 */
@Injectable()
export class PersonalDataService {
  readonly cipher: PersonalDataCipher;
  readonly registry: PersonRegistry;

  constructor(@Inject(SQL_CLIENT) sql: SqlClient, @Inject(APP_CONFIG) config: AppConfig) {
    const logger = new Logger('PersonalData');
    const masterKey = loadMasterKey({
      env: { MASTER_KEY: config.masterKey, NODE_ENV: config.nodeEnv },
      dataDir: config.dataDir,
      warn: (m) => logger.warn(m),
    });
    this.cipher = new PersonalDataCipher(sql, masterKey);
    this.registry = new PersonRegistry(sql, masterKey, this.cipher);
  }

  /** Seals with the person's key; after erasure nothing more can be recorded about them (409). */
  async seal(tenant: string, personId: string, text: string): Promise<string> {
    notePerson(personId);
    try {
      return await this.cipher.seal(tenant, personId, text);
    } catch (err) {
      if (err instanceof PersonalDataErasedError || err instanceof PersonKeyNotFoundError) {
        throw conflict(
          'personal-data-erased',
          "the person's personal data has been erased; nothing more can be recorded about them",
        );
      }
      throw err;
    }
  }

  /** Absent text (undefined, or null as a body may send it) stays absent. */
  async sealOptional(
    tenant: string,
    personId: string,
    text: string | null | undefined,
  ): Promise<string | undefined> {
    return text == null ? undefined : this.seal(tenant, personId, text);
  }

  /** The clear text, or undefined once the person's data has been erased. */
  async open(tenant: string, personId: string, sealed: string | undefined): Promise<string | undefined> {
    if (sealed === undefined) return undefined;
    notePerson(personId);
    try {
      return await this.cipher.open(tenant, personId, sealed);
    } catch (err) {
      if (err instanceof PersonalDataErasedError || err instanceof PersonKeyNotFoundError) return undefined;
      throw err;
    }
  }

  isErased(tenant: string, personId: string): Promise<boolean> {
    return this.cipher.isErased(tenant, personId);
  }
}
