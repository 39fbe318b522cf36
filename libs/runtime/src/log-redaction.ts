/** Fields that may hold personal data, wherever they appear in a logged object. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.personnummer',
  '*.name',
  '*.question',
  '*.needs',
  '*.notes',
  '*.reason',
  '*.body',
];
