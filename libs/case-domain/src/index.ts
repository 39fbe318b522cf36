// The pure case-coordination domain: commands, events, state and deciders. No I/O, no clock.
export * from './codes';
export * from './actor';
export * from './errors';
export * from './civil-date';
export * from './age';
export * from './settings';
export * from './validate';
export * from './upcast';
export * from './decider';

export * from './case/events';
export * from './case/state';
export * from './case/evolve';
export * from './case/context';
export * from './case/decide';
export * from './case/deadlines';
export * from './case/outcome';

export * from './case/commands/initiate-case';
export * from './case/commands/accept-case';
export * from './case/commands/return-case';
export * from './case/commands/resubmit-case';
export * from './case/commands/record-decision';
export * from './case/commands/hand-over-ownership';
export * from './case/commands/request-sip';
export * from './case/commands/book-sip';
export * from './case/commands/record-sip-held';
export * from './case/commands/cancel-sip';
export * from './case/commands/start-insats';
export * from './case/commands/end-insats';
export * from './case/commands/record-follow-up';
export * from './case/commands/end-party-involvement';
export * from './case/commands/close-case';
export * from './case/commands/reopen-case';
export * from './case/commands/withdraw-consent';
export * from './case/commands/record-deadline-reached';
export * from './case/commands/erase-case-personal-data';

export * from './meeting/state';
export * from './meeting/events';
export * from './meeting/evolve';
export * from './meeting/decide';
export * from './meeting/commands/schedule-meeting';
export * from './meeting/commands/add-case-to-agenda';
export * from './meeting/commands/move-agenda-item';
export * from './meeting/commands/remove-case-from-agenda';
export * from './meeting/commands/reorder-agenda';
export * from './meeting/commands/record-attendance';
export * from './meeting/commands/record-meeting-decision';

export * from './tenant/state';
export * from './tenant/events';
export * from './tenant/evolve';
export * from './tenant/decide';
export * from './tenant/commands/upsert-tenant-settings';
export * from './tenant/commands/set-party-units';
export * from './tenant/commands/upsert-catalogue-insats';

export * from './consultation/state';
export * from './consultation/events';
export * from './consultation/evolve';
export * from './consultation/decide';

export * from './survey/state';
export * from './survey/events';
export * from './survey/evolve';
export * from './survey/decide';

export * from './case/follow-ups-owed';
export * from './streams';
