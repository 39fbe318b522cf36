import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PARTIES } from '@app/case-domain';
import type { SqlClient } from '@app/event-store';
import { type CaseListOwner, decodeCaseListCursor, queryCaseList } from '@app/read-models';
import {
  APP_CONFIG,
  type AppConfig,
  CLOCK,
  type Clock,
  SQL_CLIENT,
  localDate,
  validationError,
} from '@app/runtime';
import {
  CaseAccess,
  PersonalDataService,
  type Principal,
  caseVisibleSql,
  noteCase,
  tryParsePersonnummer,
} from '@app/security';
import type { CaseListItemDto, CaseListPageDto, ListCasesQueryDto } from './list-cases.dto';

export class ListCasesQuery {
  constructor(
    readonly caller: Principal,
    readonly filter: ListCasesQueryDto,
  ) {}
}

/** `owner=` as the OpenAPI description of the field says. */
export function ownerFilter(caller: Principal, owner: string): CaseListOwner {
  if (owner === 'me')
    return {
      kind: 'me',
      sub: caller.sub,
      party: caller.party,
      partyOwnerCounts: caller.roles.includes('handlaggare'),
    };
  if (owner === 'none') return { kind: 'none' };
  if ((PARTIES as readonly string[]).includes(owner)) return { kind: 'party', party: owner };
  return { kind: 'user', user: owner };
}

/**
 * The case list: the filters and the access policy (caseVisibleSql, the same rules as a case
 * read) in one statement of the cases read model; names opened for the page only. Each listed case
 * is noted for the audit entry of the request.
 */
@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery, CaseListPageDto> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly access: CaseAccess,
    private readonly personal: PersonalDataService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ caller, filter }: ListCasesQuery): Promise<CaseListPageDto> {
    const today = localDate(this.clock.now(), this.config.timeZone);
    const errors: { field: string; message: string }[] = [];
    let personnummer: string | undefined;
    if (filter.personnummer !== undefined) {
      const parsed = tryParsePersonnummer(filter.personnummer, today);
      // The reason, never the number.
      if (parsed.valid) personnummer = parsed.value.normalized;
      else
        errors.push({ field: 'personnummer', message: 'is not a valid personnummer or samordningsnummer' });
    }
    if (filter.cursor !== undefined && !decodeCaseListCursor(filter.cursor))
      errors.push({ field: 'cursor', message: 'is not a cursor from this list' });
    if (filter.initiatedFrom && filter.initiatedTo && filter.initiatedTo < filter.initiatedFrom)
      errors.push({ field: 'initiatedTo', message: 'must not be before initiatedFrom' });
    if (errors.length) throw validationError(errors);

    let personId: string | undefined;
    if (personnummer !== undefined) {
      personId = await this.personal.registry.findPerson(caller.tenant, personnummer);
      // No such person in the tenant (or erased: the hash is forgotten then): nothing matches.
      if (personId === undefined) return { items: [], total: 0, nextCursor: null };
    }
    const page = await queryCaseList(this.sql, {
      tenant: caller.tenant,
      personId,
      status: filter.status,
      party: filter.party,
      owner: filter.owner !== undefined ? ownerFilter(caller, filter.owner) : undefined,
      insatsCode: filter.insatsCode,
      initiatedFrom: filter.initiatedFrom,
      initiatedTo: filter.initiatedTo,
      visible: this.access.seesEveryCase(caller)
        ? undefined
        : (c, params) => caseVisibleSql(caller, today, c, params),
      limit: filter.limit ?? 50,
      cursor: filter.cursor,
    });
    const items = await Promise.all(
      page.items.map(async (row): Promise<CaseListItemDto> => {
        const { sealedName, ...person } = row.person;
        noteCase(row.id, person.personId);
        const name =
          person.erased || sealedName === null
            ? null
            : ((await this.personal.open(caller.tenant, person.personId, sealedName)) ?? null);
        return {
          ...row,
          person: { ...person, name, erased: person.erased || (sealedName !== null && name === null) },
        };
      }),
    );
    return { items, total: page.total, nextCursor: page.nextCursor };
  }
}
