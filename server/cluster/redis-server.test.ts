// The scale-out's own Redis: started on a free port, stopped by pid, and one left behind by a
// crashed start ended at the next — only if that pid is still a redis-server on that port.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { until } from '../../lib/testing/until';
import { processAlive as alive } from '../../lib/testing/process-alive';
import { endLeftover, findOrStartRedis, redisBinary } from './redis-server';

const binary = redisBinary();
if (!binary) console.warn('Skipping the scale-out Redis tests: redis-server is not installed (apt-get install redis-server; CI installs it).');

describe.skipIf(!binary)('the scale-out’s redis-server', () => {
  it('starts one that answers, records it while it runs, and stops it', async () => {
    const state = path.join(mkdtempSync(path.join(tmpdir(), 'meshstage-redis-')), 'audience.jsonl.redis.json');
    const redis = await findOrStartRedis(undefined, state, () => {});
    const client = createClient({ url: redis.url });
    await client.connect();
    expect(await client.ping()).toBe('PONG');
    await client.quit();
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({ pid: redis.pid });
    // Its title names the port (what a later start checks before ending it), never the password.
    const port = new URL(redis.url).port;
    expect(readFileSync(`/proc/${redis.pid}/cmdline`, 'utf8')).toContain(`:${port}`);
    expect(readFileSync(`/proc/${redis.pid}/cmdline`, 'utf8')).not.toContain(new URL(redis.url).password);
    // Without the password, nothing.
    const stranger = createClient({ url: `redis://127.0.0.1:${port}` });
    await stranger.connect();
    await expect(stranger.publish('meshstage#primary', '{}')).rejects.toThrow(/NOAUTH/);
    await stranger.quit();
    await redis.stop();
    expect(alive(redis.pid!)).toBe(false);
    expect(() => readFileSync(state)).toThrow();
  });

  it('uses REDIS_URL as given, starting and stopping nothing', async () => {
    const state = path.join(mkdtempSync(path.join(tmpdir(), 'meshstage-redis-')), 'audience.jsonl.redis.json');
    const found = await findOrStartRedis('redis://10.0.0.9:6379', state, () => {});
    expect(found).toMatchObject({ url: 'redis://10.0.0.9:6379', pid: null });
    await found.stop();
  });

  it('ends the redis-server a crashed start left running, and nothing else', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meshstage-redis-'));
    // A leftover: a redis-server whose front died without stopping it.
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const left = spawn(binary!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const gone = new Promise((r) => left.once('exit', r));
    const state = path.join(dir, 'a.redis.json');
    writeFileSync(state, JSON.stringify({ pid: left.pid, port }));
    await until(() => readFileSync(`/proc/${left.pid}/cmdline`, 'utf8').includes(`:${port}`), 5_000);
    const said: string[] = [];
    endLeftover(state, (m) => said.push(m));
    await gone;
    expect(said[0]).toBe(`Stopped the Redis (pid ${left.pid}, port ${port}) a previous start left running`);
    // A record naming a process that is not that redis-server (this test's own) ends nothing.
    writeFileSync(state, JSON.stringify({ pid: process.pid, port }));
    endLeftover(state, (m) => said.push(m));
    expect(alive(process.pid)).toBe(true);
    expect(said).toHaveLength(1);
    expect(() => readFileSync(state)).toThrow();
  });
});
