export * from './command-runner';
export * from './tenant-configs';
export * from './request-if-match';
export * from './case.service';
export * from './meeting.service';
export * from './write.module';
