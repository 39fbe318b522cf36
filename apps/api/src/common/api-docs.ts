import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';

// OpenAPI building blocks shared by the controllers: the problem+json answer, the write answer,
// the headers of a write and the uuid path ids. The swagger CLI plugin is not in the build (SWC),
// so every schema is declared here and on the response classes beside each slice.

export class ProblemFieldError {
  @ApiProperty({
    description: 'The field as the contract spells it (`consent.scopeParties`, `If-Match`, `body`)',
  })
  field!: string;

  @ApiProperty({ description: 'What is wrong with it', example: 'must be a date YYYY-MM-DD' })
  message!: string;
}

/** RFC 9457 problem details, as ProblemFilter writes them. */
export class Problem {
  @ApiProperty({
    description:
      'Names the problem: `/problems/<code>`, or `/problems/rules/<code>` for a refusing domain rule',
    example: '/problems/validation',
  })
  type!: string;

  @ApiProperty({ example: 'Bad request' })
  title!: string;

  @ApiProperty({ type: 'integer', example: 400 })
  status!: number;

  @ApiProperty({ description: 'What happened; never personal data' })
  detail!: string;

  @ApiPropertyOptional({ description: 'The request path', example: '/api/v1/cases' })
  instance?: string;

  @ApiPropertyOptional({ description: 'The domain rule that refused the command (422)', example: 'R8' })
  rule?: string;

  @ApiPropertyOptional({
    type: () => ProblemFieldError,
    isArray: true,
    description: 'For a bad request: each field and what is wrong',
  })
  errors?: ProblemFieldError[];
}

/** What every write answers: the stream's id, its new version (also the ETag) and the global position. */
export class WriteAnswer {
  @ApiProperty({ format: 'uuid', description: 'The case (or meeting, consultation, survey) written' })
  id!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'Its new version: send it as If-Match with the next write',
  })
  version!: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'The global position of the write: a read with ?minPosition= waits until it is applied',
  })
  position?: number;
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad input: `errors` names each field',
  401: 'No or invalid bearer token',
  403: 'The caller’s role or party may not do this',
  404: 'Unknown, or not visible to the caller',
  409: 'A stale If-Match, or a conflicting state or request in progress: nothing was written',
  413: 'The request body is too large',
  415: 'The request body is not application/json in UTF-8',
  422: 'A domain rule refused the command: `type` and `rule` name it',
  429: 'Too many requests from this client: wait Retry-After seconds',
  503: 'Not answered in time, or a dependency is unavailable: retry after Retry-After',
};

/** problem+json answers for these statuses. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(Problem) } } },
        ...(status === 429 || status === 503
          ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } }
          : {}),
      }),
    ),
  );
}

/** On a controller: a bearer token is required, and every route may answer 401, 403 or 429. */
export function ApiAuthenticated() {
  return applyDecorators(ApiBearerAuth(), ApiProblems(401, 403, 429));
}

const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'The version last read, e.g. "3": a stale one is answered 409 and nothing is written',
  schema: { type: 'string', example: '"3"' },
});

const IDEMPOTENCY_KEY = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description:
    'A retry with the same key and body answers the first answer and writes nothing (kept 24 hours)',
  schema: { type: 'string', maxLength: 200 },
});

/**
 * A write to an existing stream (a case, a meeting, the tenant's configuration): If-Match,
 * Idempotency-Key, and the problems a write can answer besides the controller's.
 */
export function ApiStreamWrite() {
  return applyDecorators(IF_MATCH, IDEMPOTENCY_KEY, ApiProblems(400, 404, 409, 413, 415, 422));
}

/** A write that creates a stream of its own (a case, a meeting, a consultation, a survey). */
export function ApiCreateWrite() {
  return applyDecorators(IDEMPOTENCY_KEY, ApiProblems(400, 409, 413, 415, 422));
}

/** A path id that is a uuid; any other value names nothing (404). */
export function ApiUuidParam(name: string, description: string) {
  return ApiParam({ name, description, schema: { type: 'string', format: 'uuid' } });
}

/** The `:id` of a case route. */
export const ApiCaseIdParam = () => ApiUuidParam('id', 'The case id');

/** The `:id` of a meeting route. */
export const ApiMeetingIdParam = () => ApiUuidParam('id', 'The meeting id');

/** Every list of the contract pages this way. */
export const NEXT_CURSOR_DOC = {
  type: String,
  nullable: true,
  description: 'Pass as ?cursor= for the next page; null on the last page',
} as const;

export const TOTAL_DOC = {
  type: 'integer',
  minimum: 0,
  description: 'Every match, not only this page',
} as const;

/** Another stream a write also wrote (a meeting's protocol), with its new version. */
export class StreamVersion {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  version!: number;
}

/**
 * A 200 answered as JSON of this schema, or, by Accept, in another media type (CSV, a printable
 * page), declared as text.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function ApiOkJsonOr(type: Function, others: Record<string, string>, description: string) {
  return applyDecorators(
    ApiExtraModels(type),
    ApiOkResponse({
      description,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(type) } },
        ...Object.fromEntries(
          Object.entries(others).map(([media, text]) => [
            media,
            { schema: { type: 'string', description: text } },
          ]),
        ),
      },
    }),
  );
}
