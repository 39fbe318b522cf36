import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { isCivilDate } from '@app/case-domain';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  registerDecorator,
} from 'class-validator';

// Field decorators for request DTOs: each validates (class-validator) and documents (OpenAPI) at once,
// so the contract and its checks cannot drift apart.

interface FieldOptions {
  optional?: boolean;
  description?: string;
  example?: unknown;
}

function doc(options: FieldOptions, extra: Record<string, unknown>) {
  const base = { description: options.description, example: options.example, ...extra };
  return options.optional ? ApiPropertyOptional(base) : ApiProperty(base);
}

function presence(options: FieldOptions) {
  return options.optional ? [IsOptional()] : [];
}

/** A calendar date 'YYYY-MM-DD' that exists. */
export function DateField(options: FieldOptions = {}) {
  return applyDecorators(
    doc(options, { type: String, format: 'date', example: options.example ?? '2026-03-02' }),
    ...presence(options),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isCalendarDate',
        target: target.constructor,
        propertyName: propertyName as string,
        validator: {
          validate: (value: unknown) => isCivilDate(value),
          defaultMessage: () => 'must be a date YYYY-MM-DD',
        },
      }),
  );
}

/** An enum of codes; a list mixing numbers and strings (follow-up months) as one of each. */
function codesSchema(codes: readonly (string | number)[]): Record<string, unknown> {
  const numbers = codes.filter((c) => typeof c === 'number');
  if (numbers.length === 0) return { enum: codes };
  return {
    oneOf: [
      { type: 'integer', enum: numbers },
      { type: 'string', enum: codes.filter((c) => typeof c === 'string') },
    ],
  };
}

/** One code from a fixed list (DOMAIN.md / API.md codes). */
export function CodeField(codes: readonly (string | number)[], options: FieldOptions = {}) {
  return applyDecorators(
    doc(options, codesSchema(codes)),
    ...presence(options),
    IsIn(codes as unknown[], { message: `must be one of ${codes.join(', ')}` }),
  );
}

/** A list of codes from a fixed list. */
export function CodesField(codes: readonly string[], options: FieldOptions & { maxItems?: number } = {}) {
  return applyDecorators(
    doc(options, { enum: codes, isArray: true }),
    ...presence(options),
    IsArray({ message: 'must be a list' }),
    ArrayMaxSize(options.maxItems ?? codes.length * 2),
    IsIn(codes, { each: true, message: `must contain only ${codes.join(', ')}` }),
  );
}

// PostgreSQL's text and jsonb refuse U+0000 (22P05, 22021) and a lone surrogate cannot be encoded as
// UTF-8 (22P02): either would be a 500 at the insert or the query instead of a 400 here.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text PostgreSQL can store: a string without U+0000, well-formed UTF-16 (no unpaired surrogate). */
export function isStorableText(value: unknown): value is string {
  return typeof value === 'string' && !UNSTORABLE.test(value);
}

export const STORABLE_TEXT_MESSAGE = 'must not contain a NUL character (U+0000) or an unpaired surrogate';

/**
 * Every string that reaches the database, from a body or a query, carries this (TextField does);
 * `each` for a list of strings.
 */
export function StorableText(options: { each?: boolean } = {}) {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isStorableText',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { each: options.each, message: STORABLE_TEXT_MESSAGE },
      // Only strings: a number or a list is another decorator's "must be text".
      validator: { validate: (value: unknown) => typeof value !== 'string' || isStorableText(value) },
    });
}

/** Free text with a length limit; required text may not be blank. */
export function TextField(maxLength: number, options: FieldOptions = {}) {
  return applyDecorators(
    doc(options, { type: String, maxLength }),
    ...presence(options),
    IsString({ message: 'must be text' }),
    StorableText(),
    ...(options.optional
      ? []
      : [IsNotEmpty({ message: 'must not be empty' }), Matches(/\S/, { message: 'must not be blank' })]),
    MaxLength(maxLength, { message: `must be at most ${maxLength} characters` }),
  );
}

export function BooleanField(options: FieldOptions = {}) {
  return applyDecorators(
    doc(options, { type: Boolean }),
    ...presence(options),
    IsBoolean({ message: 'must be true or false' }),
  );
}

export function IntField(min: number, max: number, options: FieldOptions = {}) {
  return applyDecorators(
    doc(options, { type: Number, minimum: min, maximum: max }),
    ...presence(options),
    IsInt({ message: 'must be a whole number' }),
    Min(min, { message: `must be at least ${min}` }),
    Max(max, { message: `must be at most ${max}` }),
  );
}

/** A uuid given in a body (a meeting id, a case id). */
export function UuidField(options: FieldOptions = {}) {
  return applyDecorators(
    doc(options, { type: String, format: 'uuid' }),
    ...presence(options),
    Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'must be a uuid' }),
  );
}

/** A nested object validated by its own DTO class. */
export function NestedField(type: () => new () => object, options: FieldOptions = {}) {
  return applyDecorators(
    // A property named `type` holding an arrow is what @nestjs/swagger takes for a lazy type.
    doc(options, { type: () => type() }),
    ...presence(options),
    IsObject({ message: 'must be an object' }),
    ValidateNested(),
    Type(type),
  );
}

/**
 * A list whose items are not lists. class-validator validates the items of a list inside a list of
 * nested objects as if they stood in the outer list, so `[[{…}]]` would pass as a list of objects.
 */
function NoListsInside() {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'noListsInside',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must contain objects, not lists' },
      validator: { validate: (value: unknown) => !Array.isArray(value) || !value.some(Array.isArray) },
    });
}

/** A list of nested objects validated by their own DTO class. */
export function NestedListField(
  type: () => new () => object,
  options: FieldOptions & { maxItems?: number } = {},
) {
  return applyDecorators(
    doc(options, { type: () => type(), isArray: true }),
    ...presence(options),
    IsArray({ message: 'must be a list' }),
    ArrayMaxSize(options.maxItems ?? 100),
    NoListsInside(),
    ValidateNested({ each: true }),
    Type(type),
  );
}
