import { errorCodes } from 'fastify';
import { toProblem } from './problem.filter';

// What the HTTP server refuses before a route runs, as the same problem+json every other refusal
// is: the field named, never the value sent.
describe('toProblem: errors of the HTTP server before a route', () => {
  it('a body over BODY_LIMIT is 413 too-large, naming the body', () => {
    expect(toProblem(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE())).toEqual({
      type: '/problems/too-large',
      title: 'Payload too large',
      status: 413,
      detail: 'the request body is too large',
      errors: [{ field: 'body', message: 'is too large' }],
    });
  });

  it('a body that cannot be read (its length not as announced) is 400, naming the body', () => {
    expect(toProblem(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH())).toEqual({
      type: '/problems/bad-request',
      title: 'Bad request',
      status: 400,
      detail: 'the request body could not be read',
      errors: [{ field: 'body', message: 'could not be read' }],
    });
  });

  it('another refusal of the request is 400 without quoting what was sent', () => {
    const problem = toProblem(new errorCodes.FST_ERR_BAD_URL('/api/v1/cases/19900101-0017%'));
    expect(problem).toEqual({
      type: '/problems/bad-request',
      title: 'Bad request',
      status: 400,
      detail: 'bad request',
    });
    expect(JSON.stringify(problem)).not.toContain('19900101');
  });

  it('a failure of the server itself stays an internal error', () => {
    expect(toProblem(new errorCodes.FST_ERR_SEND_UNDEFINED_ERR())).toMatchObject({
      type: '/problems/internal',
      status: 500,
    });
  });
});
