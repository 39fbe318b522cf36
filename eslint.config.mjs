import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'test-results/**', '**/*.js', '**/*.mjs', 'apps/web/src/api/schema.gen.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // The decider is pure: time, ids and the actor arrive in the command's metadata.
    files: ['libs/case-domain/src/**/*.ts'],
    ignores: ['libs/case-domain/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'pg', 'pg-*', '@electric-sql/*', 'bullmq', 'ioredis', 'node:*', 'crypto', 'fs', 'timers', 'perf_hooks', '@app/event-store', '@app/read-models', '@app/scheduling', '@app/security'], message: 'libs/case-domain stays pure: no Nest, no I/O, no clock or randomness.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'The decider gets time from command metadata, never from the clock.' },
        { name: 'setTimeout', message: 'No timers in the decider.' },
        { name: 'performance', message: 'No clock in the decider.' },
        { name: 'crypto', message: 'Ids arrive in command metadata.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Ids and randomness arrive in command metadata.' },
      ],
    },
  },
);
