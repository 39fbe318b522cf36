/**
 * A row of the audit log (migration 007) as a JSON object: ids and codes only, never personal
 * data. The audit log writes them, and the SQL store writes a request's rows in its append's own
 * statement, so that the request's write and its audit entry commit together.
 */
export interface AuditRow {
  /** An ISO-8601 instant. */
  at: string;
  tenant: string;
  actor: string;
  roles: string[];
  party: string | null;
  action: string;
  route: string;
  status: number;
  case_id: string | null;
  person_id: string | null;
  request_id: string | null;
}

/**
 * The INSERT of the audit rows in the JSON array `param`: those that pass `where` (over the
 * rows as `x`, whose `item` field, if any, is an integer), all without it.
 */
export function insertAuditRows(param: string, where = 'true'): string {
  return `INSERT INTO audit_log (at, tenant, actor, roles, party, action, route, status, case_id, person_id, request_id)
       SELECT at, tenant, actor, roles, party, action, route, status, case_id, person_id, request_id
         FROM jsonb_to_recordset(${param}::jsonb) AS x(item integer, at timestamptz, tenant text, actor text,
              roles text[], party text, action text, route text, status integer, case_id uuid, person_id uuid,
              request_id text)
        WHERE ${where}`;
}
