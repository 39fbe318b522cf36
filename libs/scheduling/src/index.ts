export * from './clock';
export * from './jobs/job-queue';
export * from './jobs/embedded-job-queue';
export * from './jobs/bull-job-queue';
export * from './deadlines/case-history';
export * from './deadlines/deadlines.projection';
export * from './notices/notices';
export * from './notices/webhook';
