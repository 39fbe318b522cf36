// The keyset cursors of the paged lists (queue, meetings, notifications, audit): opaque to the
// caller, base64url of a small JSON object that only the list that gave it out reads back.

export function encodeCursor(fields: object): string {
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

/**
 * The fields of a cursor, or undefined when `raw` is not base64url JSON of an object. Anyone can
 * forge one: the list checks each field it uses before it reaches SQL.
 */
export function cursorFields(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
