import type { ValidationError } from 'class-validator';
import type { FieldError } from '@app/runtime';

/** class-validator's tree as flat `{ field, message }` pairs with dotted paths (`consent.scopeParties`). */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    if (e.constraints?.whitelistValidation) {
      // The key came from the caller and may be anything (a personnummer): named by where it stands, not by itself.
      out.push({ field: prefix || 'body', message: 'has a field this request does not take' });
      continue;
    }
    const field = prefix
      ? /^\d+$/.test(e.property)
        ? `${prefix}[${e.property}]`
        : `${prefix}.${e.property}`
      : e.property;
    for (const message of Object.values(e.constraints ?? {})) {
      // class-validator puts the property name first; the field is named separately.
      out.push({ field, message: message.replace(new RegExp(`^${e.property} `), '') });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}
