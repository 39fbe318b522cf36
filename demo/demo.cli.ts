/**
 * `npm run demo`: fills the store the server uses (the embedded one in DATA_DIR, or DATABASE_URL)
 * with a demo torg for the tenant `demo`: four years of fictitious cases up to today, the
 * next meetings with their agendas, new cases waiting for intake. Running it again writes nothing
 * (or completes an interrupted run). Refused in production.
 */
import { migrate, openDatabase, type SqlClient } from '@app/event-store';
import { READ_MODEL_SCHEMAS } from '@app/read-models';
import { type AppConfig, ConfigError, loadConfig, localDate } from '@app/runtime';
import { DEMO_TENANT, DEMO_USERS } from '@app/security';
import { countDemo } from './demo-summary';
import { DemoRefusedError, type DemoWriteResult, writeDemo } from './demo-write';

export interface DemoIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  /** A store already opened and migrated (tests); otherwise the configured one is opened. */
  sql?: SqlClient;
  /** The day the history ends; defaults to today in APP_TIME_ZONE. */
  today?: string;
}

export async function runDemo(io: DemoIo): Promise<number> {
  let config: AppConfig;
  try {
    config = loadConfig(io.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`demo: configuration error: ${err.message}`);
      return 1;
    }
    throw err;
  }
  if (config.nodeEnv === 'production') {
    io.err(
      'demo: refused: NODE_ENV=production. The demo torg is made-up data for development and trials; ' +
        'it is never written into a production store.',
    );
    return 1;
  }
  if (config.eventStore !== 'sql') {
    io.err('demo: refused: EVENT_STORE=kurrentdb. The demo torg is written into the SQL event store only.');
    return 1;
  }
  const sql =
    io.sql ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      schema: config.databaseSchema,
      poolSize: config.dbPoolSize,
    }));
  try {
    if (!io.sql) await migrate(sql, { readModels: READ_MODEL_SCHEMAS });
    const where = config.databaseUrl
      ? 'the PostgreSQL server (DATABASE_URL)'
      : `the embedded store in ${config.dataDir}`;
    io.out(`demo: writing the demo torg (tenant ${DEMO_TENANT}) into ${where} …`);
    const result = await writeDemo(sql, config, io.today ?? localDate(new Date(), config.timeZone));
    report(result, io.out);
    return 0;
  } catch (err) {
    if (err instanceof DemoRefusedError) {
      io.err(`demo: refused: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    if (!io.sql) await sql.close();
  }
}

function report(result: DemoWriteResult, out: (line: string) => void): void {
  const c = countDemo(result.history);
  const status = (s: string) => c.byStatus[s] ?? 0;
  if (result.written.events === 0) {
    out(`demo: the demo torg is already in place (its history ends ${result.today}); nothing was written.`);
  } else if (result.present > 0) {
    out(
      `demo: completed an interrupted run: ${result.written.events} events written, ${result.present} were there.`,
    );
  } else {
    out(
      `demo: ${result.written.events} events written in ${result.seconds.toFixed(1)} s (history ${result.history.from} – ${result.today}).`,
    );
  }
  const lines = [
    `cases             ${c.cases} (initiated by ${Object.entries(c.byInitiatingParty)
      .map(([p, n]) => `${p} ${n}`)
      .join(', ')}); ${c.protectedPersons} with skyddade personuppgifter`,
    `  waiting         ${status('SUBMITTED')} new for intake, ${status('RETURNED')} returned to the initiator, ${status('ACCEPTED')} accepted for beredning`,
    `  in progress     ${status('DECIDED') + status('IN_COORDINATION')} decided or in coordination; ${status('CLOSED')} closed, ${status('WITHDRAWN')} consent withdrawn`,
    `meetings          ${c.meetingsHeld} held (Tuesdays 09:00), decisions ${Object.entries(c.decisions)
      .map(([d, n]) => `${d} ${n}`)
      .join(', ')}; ${c.jav} with jäv`,
    `  upcoming        ${c.upcomingMeetings.map((m) => `${m.date} (${m.agenda} on the agenda)`).join(', ')}`,
    `insatser          ${c.insatser} started; SIP ${c.sips.requested} requested, ${c.sips.booked} booked, ${c.sips.held} held, ${c.sips.cancelled} cancelled`,
    `follow-ups        ${c.followUps} recorded; ${c.closures} closures; ${c.consultations} consultations; ${c.surveys} closing surveys`,
    `events            ${c.events} in the demo's history`,
  ];
  for (const line of lines) out(`  ${line}`);
  out('');
  out('Sign in: start the service (npm start), then');
  out('  curl -s http://localhost:3000/api/v1/dev/users                      # the demo users');
  out(
    `  curl -s -X POST http://localhost:3000/api/v1/dev/token -H 'Content-Type: application/json' -d '{"userId":"demo-processledare"}'`,
  );
  out('  or: npm run -s token -- --tenant demo --roles processledare --sub demo-processledare');
  out(`Users: ${DEMO_USERS.map((u) => `${u.id} (${u.name})`).join(', ')}`);
}

if (require.main === module) {
  runDemo({
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (code) => process.exit(code),
    (err: Error) => {
      process.stderr.write(`demo: failed: ${err.message}\n`);
      process.exit(1);
    },
  );
}
