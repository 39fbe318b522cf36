import { type ArgumentMetadata, ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import {
  type MetadataStorage,
  type ValidationArguments,
  ValidationTypes,
  getMetadataStorage,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// class-transformer's own registry of @Type, @Expose, @Exclude and @Transform: the one the pipe's
// plainToInstance reads (the CommonJS build, which `class-transformer` resolves to).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const transformStorage = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TransformRules;
};
const transformRules = transformStorage.defaultMetadataStorage;

interface TransformRules {
  findTypeMetadata(
    target: object,
    property: string,
  ): { typeFunction?: (options?: unknown) => unknown; options?: { discriminator?: unknown } } | undefined;
  findTransformMetadatas(target: object, property: string, transformationType: number): unknown[];
  getExposedMetadatas(target: object): unknown[];
  getExcludedMetadatas(target: object): unknown[];
  getStrategy(target: object): string;
}

/** class-transformer's TransformationType.PLAIN_TO_CLASS. */
const PLAIN_TO_CLASS = 0;

type Dto = new () => object;
type Validate = (value: unknown, args: ValidationArguments) => unknown;

interface Check {
  rule: ValidationMetadata;
  validators: Validate[];
}

/** What class-validator runs for one property, sorted as its executor sorts it. */
interface PropertyRules {
  conditions: ValidationMetadata[];
  defined: Check[];
  custom: Check[];
  nested: ValidationMetadata[];
}

/** One DTO class's rules, as class-validator looks them up for one schema; undefined where the pipe must decide. */
type ClassRules = Map<string, PropertyRules> | undefined;

/**
 * Nest's ValidationPipe with a shorter way through for a valid JSON body.
 *
 * Every request body passes the pipe, and the pipe's own way costs more than the rest of the
 * HTTP pipeline: it walks the body three times (prototype keys, array gaps, binary values),
 * copies it into the DTO classes with class-transformer, then class-validator builds an error
 * object for every property it checks, valid or not. For a body of plain JSON objects, arrays and
 * values, this pipe copies it into the same classes as plainToInstance would and runs the same
 * rules class-validator would — the same metadata, the same validator functions with the same
 * arguments — keeping only whether each passes. If every one does, that is the pipe's answer.
 *
 * Whatever it is not sure of goes the pipe's own way, unchanged: a rule that fails (so every error
 * is named by class-validator, as before), an asynchronous rule, a class with class-transformer
 * rules beyond @Type (@Expose, @Exclude, @Transform), a key no rule names, a nested value that is
 * not a plain object of its class, query and route parameters. The fast way may refuse what the
 * pipe would accept; it never accepts what the pipe would refuse.
 */
export class ContractValidationPipe extends ValidationPipe {
  private readonly storage: MetadataStorage = getMetadataStorage();
  /** Per list of rules class-validator returned (kept until a rule is added, see keepValidationRules). */
  private readonly rules = new WeakMap<ValidationMetadata[], ClassRules>();
  private readonly copyable = new WeakMap<Dto, boolean>();

  constructor(options: ValidationPipeOptions) {
    super(options);
    const { whitelist, forbidNonWhitelisted, transform, groups, always, skipMissingProperties } = options;
    if (!whitelist || !forbidNonWhitelisted || !transform || groups || always || skipMissingProperties)
      throw new Error(
        'The contract validation pipe is built for whitelist, forbidNonWhitelisted and transform, without groups',
      );
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype as Dto | undefined;
    if (metadata.type === 'body' && typeof metatype === 'function' && isPlainObject(value)) {
      const dto = this.copy(metatype, value);
      if (dto !== undefined && this.passes(dto, metatype, undefined)) return dto;
    }
    return super.transform(value, metadata);
  }

  /** The body copied into `type` as plainToInstance copies it; undefined if this pipe cannot be sure how. */
  private copy(type: Dto, plain: Record<string, unknown>): object | undefined {
    if (!this.canCopyInto(type)) return undefined;
    const out = new type() as Record<string, unknown>;
    for (const key of Object.keys(plain)) {
      if (key === '__proto__' || key === 'constructor') return undefined;
      if (typeof out[key] === 'function') return undefined;
      if (Object.getOwnPropertyDescriptor(type.prototype, key)) return undefined;
      const value = plain[key];
      const typed = transformRules.findTypeMetadata(type, key);
      let copied: unknown;
      if (typed) {
        if (typed.options?.discriminator || !typed.typeFunction) return undefined;
        const nested = typed.typeFunction() as Dto;
        if (typeof nested !== 'function') return undefined;
        copied = this.copyNested(nested, value);
        if (copied === undefined) return undefined;
      } else if (Array.isArray(value)) {
        if (!value.every(isJsonScalar)) return undefined;
        copied = [...value];
      } else if (isJsonScalar(value)) {
        copied = value;
      } else {
        return undefined;
      }
      out[key] = copied;
    }
    return out;
  }

  private copyNested(type: Dto, value: unknown): unknown {
    if (value === null) return null;
    if (isPlainObject(value)) return this.copy(type, value);
    if (!Array.isArray(value)) return undefined;
    // An item that is not a plain object (null included) is refused by class-validator: its way.
    const items: object[] = [];
    for (const item of value) {
      const copied = isPlainObject(item) ? this.copy(type, item) : undefined;
      if (copied === undefined) return undefined;
      items.push(copied);
    }
    return items;
  }

  /** A class with validation rules whose copy is a plain copy: no class-transformer rule but @Type. */
  private canCopyInto(type: Dto): boolean {
    let ok = this.copyable.get(type);
    if (ok === undefined) {
      const properties = new Set(
        this.storage.getTargetValidationMetadatas(type, '', false, false).map((m) => m.propertyName),
      );
      ok =
        properties.size > 0 &&
        transformRules.getStrategy(type) === 'none' &&
        transformRules.getExposedMetadatas(type).length === 0 &&
        transformRules.getExcludedMetadatas(type).length === 0 &&
        [...properties].every(
          (p) => transformRules.findTransformMetadatas(type, p, PLAIN_TO_CLASS).length === 0,
        );
      this.copyable.set(type, ok);
    }
    return ok;
  }

  /** Whether class-validator, as the pipe runs it, finds nothing wrong with `object` (class-validator's execute). */
  private passes(object: object, type: Dto, schema: string | undefined): boolean {
    const rules = this.rulesOf(type, schema);
    if (!rules) return false;
    // whitelist + forbidNonWhitelisted: a key no rule names is refused.
    for (const key of Object.keys(object)) if (!rules.has(key)) return false;
    for (const [property, r] of rules) {
      const value = (object as Record<string, unknown>)[property];
      if (!r.conditions.every((c) => (c.constraints[0] as (o: object, v: unknown) => boolean)(object, value)))
        continue;
      if (!checks(r.defined, object, value) || !checks(r.custom, object, value)) return false;
      if (value === undefined) continue;
      for (const nested of r.nested) if (!this.nestedPasses(value, nested)) return false;
    }
    return true;
  }

  /** class-validator's nestedValidations for one rule. */
  private nestedPasses(value: unknown, rule: ValidationMetadata): boolean {
    if (Array.isArray(value)) {
      // Each item is validated as a property holding only this nested rule.
      return value.every((item) => item === undefined || this.nestedPasses(item, rule));
    }
    if (value instanceof Set || value instanceof Map) return false;
    if (value instanceof Object) {
      const schema = typeof rule.target === 'string' ? rule.target : rule.target.name;
      return this.passes(value, value.constructor as Dto, schema);
    }
    return false;
  }

  /** The rules of `type` sorted as class-validator's executor sorts them; undefined for a kind of rule this pipe leaves to it. */
  private rulesOf(type: Dto, schema: string | undefined): ClassRules {
    const metadata = this.storage.getTargetValidationMetadatas(type, schema as string, false, false);
    if (this.rules.has(metadata)) return this.rules.get(metadata);
    let rules: ClassRules = new Map<string, PropertyRules>();
    for (const m of metadata) {
      let r = rules.get(m.propertyName);
      if (!r) rules.set(m.propertyName, (r = { conditions: [], defined: [], custom: [], nested: [] }));
      if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) r.conditions.push(m);
      else if (m.type === ValidationTypes.NESTED_VALIDATION) r.nested.push(m);
      else if (m.type === ValidationTypes.WHITELIST) continue;
      else if (m.type === ValidationTypes.IS_DEFINED || m.type === ValidationTypes.CUSTOM_VALIDATION) {
        const constraints = this.storage.getTargetValidatorConstraints(m.constraintCls);
        if (constraints.some((c) => c.async)) {
          rules = undefined;
          break;
        }
        const check = {
          rule: m,
          validators: constraints.map((c) => c.instance.validate.bind(c.instance) as Validate),
        };
        (m.type === ValidationTypes.IS_DEFINED ? r.defined : r.custom).push(check);
      } else {
        rules = undefined;
        break;
      }
    }
    if (rules?.size === 0) rules = undefined;
    this.rules.set(metadata, rules);
    return rules;
  }
}

/** class-validator's customValidations, keeping only whether every rule passes. */
function checks(list: Check[], object: object, value: unknown): boolean {
  for (const { rule, validators } of list) {
    if (rule.validateIf && !rule.validateIf(object, value)) continue;
    const args: ValidationArguments = {
      targetName: object.constructor?.name,
      property: rule.propertyName,
      object,
      value,
      constraints: rule.constraints,
    };
    for (const validate of validators) {
      if (!rule.each || !(Array.isArray(value) || value instanceof Set || value instanceof Map)) {
        const valid = validate(value, args);
        if (!valid || isThenable(valid)) return false;
      } else {
        if (!Array.isArray(value)) return false;
        for (const item of value) {
          const valid = validate(item, args);
          if (!valid || isThenable(valid)) return false;
        }
      }
    }
  }
  return true;
}

function isThenable(value: unknown): boolean {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isJsonScalar(value: unknown): boolean {
  return (
    value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
  );
}
