/** Fields that may hold personal data, wherever they appear in a logged object. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  // A calendar feed's secret (GET /api/v1/meetings.ics?feed=): the request log drops query strings
  // (httpLogOptions); should a query or URL object reach a log line, its `feed` does not.
  'req.query.feed',
  '*.feed',
  '*.personnummer',
  '*.name',
  '*.question',
  '*.needs',
  '*.notes',
  '*.reason',
  '*.body',
];
