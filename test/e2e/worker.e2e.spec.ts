import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { startTestApp, type TestApp } from '../support/app';
import { initiation } from '../support/fixtures';

// PROJECTIONS=worker: the API only writes and reads; apps/worker's process keeps the read models.
describe('projections in apps/worker', () => {
  let t: TestApp;
  let worker: INestApplicationContext | undefined;
  beforeAll(async () => {
    t = await startTestApp({ env: { PROJECTIONS: 'worker', READ_WAIT_MS: '300' } });
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  it('the API does not project; reads say the read models are behind (503) until the worker runs, then see the write', async () => {
    const soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN' });
    const created = await t.http.post('/api/v1/cases').set('Authorization', `Bearer ${soc}`).send(initiation()).expect(201);
    const behind = await t.http.get(`/api/v1/cases/${created.body.id}`).set('Authorization', `Bearer ${soc}`);
    expect(behind.status).toBe(503);
    expect(behind.headers['retry-after']).toBe('1');
    expect(behind.body.type).toMatch(/read-model-behind$/);

    // The worker: the same module, as a background process with the same configuration.
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config: t.config, clock: t.clock }), { logger: false });
    await worker.init();
    const res = await t.http
      .get(`/api/v1/cases/${created.body.id}?minPosition=${created.body.position}`)
      .set('Authorization', `Bearer ${soc}`)
      .expect(200);
    expect(res.body).toMatchObject({ id: created.body.id, status: 'SUBMITTED', version: 1 });
    const { rows } = await t.db.sql.query<{ consumer: string; position: number }>('SELECT consumer, position FROM es_checkpoints ORDER BY consumer');
    expect(rows.find((r) => r.consumer === 'cases')?.position).toBeGreaterThanOrEqual(created.body.position);
  });
});
