import { type MetadataStorage, type ValidationError, getMetadataStorage } from 'class-validator';
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

type TargetMetadatas = MetadataStorage['getTargetValidationMetadatas'];

/**
 * class-validator looks up the rules of a DTO class on every validation, scanning every class it
 * knows for inherited rules: a few microseconds per nested object, on every request. The rules
 * never change once the classes are loaded, so each lookup is kept; adding a rule (a class loaded
 * later) forgets them all.
 */
export function keepValidationRules(storage: MetadataStorage = getMetadataStorage()): void {
  const kept = storage as MetadataStorage & { rulesKept?: true };
  if (kept.rulesKept) return;
  kept.rulesKept = true;
  const cache = new Map<unknown, Map<string, ReturnType<TargetMetadatas>>>();
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let byKey = cache.get(target);
    if (!byKey) cache.set(target, (byKey = new Map()));
    let rules = byKey.get(key);
    if (!rules) byKey.set(key, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
  for (const method of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const add = (storage[method] as (...args: unknown[]) => void).bind(storage);
    (storage[method] as (...args: unknown[]) => void) = (...args: unknown[]) => {
      cache.clear();
      add(...args);
    };
  }
}
