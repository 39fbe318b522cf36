/** A case's short reference as users say it aloud in a meeting: the first part of its id, upper case. */
export function caseRef(caseId: string): string {
  return caseId.slice(0, 8).toUpperCase();
}
