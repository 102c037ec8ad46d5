/** Test suites (vitest, jest, mocha), scripts with main(), CLIs and workers. */
import type { RealWorldCase } from './types.js';

export const testAndScriptCases: RealWorldCase[] = [
  {
    name: 'vitest suite: client in beforeEach and a fresh one inside it()',
    filename: 'test/rate-limit.test.ts',
    code: `import Redis from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { rateLimit } from '../src/rate-limit';

let redis: Redis;

beforeEach(async () => {
  redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15');
  await redis.flushdb();
});

afterAll(async () => {
  await redis.quit();
});

describe('rateLimit', () => {
  it('blocks after the limit', async () => {
    for (let i = 0; i < 5; i++) await rateLimit(redis, 'ip', 5);
    await expect(rateLimit(redis, 'ip', 5)).rejects.toThrow('Too many requests');
  });

  it('uses a fresh connection for isolation', async () => {
    const isolated = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15');
    expect(await isolated.ping()).toBe('PONG');
    isolated.disconnect();
  });
});
`,
    expected: [],
  },
  {
    name: 'jest suite mocks ioredis and builds the client in beforeAll',
    filename: '__tests__/cache.spec.js',
    sourceType: 'commonjs',
    code: `jest.mock('ioredis', () => require('ioredis-mock'));

const Redis = require('ioredis');
const { cached } = require('../lib/cache');

describe('cached', () => {
  let redis;

  beforeAll(() => {
    redis = new Redis();
  });

  test('stores the loader result', async () => {
    const load = jest.fn().mockResolvedValue({ a: 1 });
    await cached(redis, 'k', load);
    expect(await cached(redis, 'k', load)).toEqual({ a: 1 });
    expect(load).toHaveBeenCalledTimes(1);
  });
});
`,
    expected: [],
  },
  {
    name: 'mocha suite keeps the client on this in before()',
    filename: 'test/session-store.spec.ts',
    code: `import { createClient } from 'redis';
import { expect } from 'chai';

describe('session store', function () {
  before(async function () {
    this.redis = createClient({ url: process.env.REDIS_URL });
    await this.redis.connect();
  });

  after(async function () {
    await this.redis.quit();
  });

  it('round-trips a session', async function () {
    await this.redis.set('sess:1', '{}');
    expect(await this.redis.get('sess:1')).to.equal('{}');
  });
});
`,
    expected: [],
  },
  {
    name: 'exported test helper builds a client per call',
    filename: 'test/utils/redis.ts',
    note: 'DESIGN: an exported factory whose callers the rule cannot see stays silent at its own construction; its per-request callers in other files carry the report.',
    code: `import Redis from 'ioredis';

export function createTestRedis(db = 15) {
  return new Redis({ host: '127.0.0.1', port: 6379, db, lazyConnect: true });
}
`,
    expected: [],
  },
  {
    name: 'seed script with main().catch()',
    filename: 'scripts/seed.ts',
    code: `import { createClient } from 'redis';
import products from '../data/products.json';

async function main() {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  for (const product of products) {
    await client.hSet(\`product:\${product.id}\`, product);
  }
  await client.quit();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`,
    expected: [],
  },
  {
    name: 'migration script: arrow run() awaited at top level, duplicate for writes',
    filename: 'scripts/migrate-keys.mjs',
    code: `import Redis from 'ioredis';

const run = async () => {
  const source = new Redis(process.env.SOURCE_REDIS_URL);
  const target = source.duplicate({ db: 1 });
  const stream = source.scanStream({ match: 'user:*', count: 500 });
  for await (const keys of stream) {
    if (keys.length) await target.del(...keys);
  }
  await Promise.all([source.quit(), target.quit()]);
};

await run();
`,
    expected: [],
  },
  {
    name: 'commander CLI action',
    filename: 'bin/redis-tools.cjs',
    sourceType: 'commonjs',
    note: 'A commander action runs once per run of the CLI: the registration sits at module scope, so the callback runs once.',
    code: `#!/usr/bin/env node
const { Command } = require('commander');
const Redis = require('ioredis');

const program = new Command();

program
  .command('flush <pattern>')
  .description('delete keys matching a pattern')
  .action(async (pattern) => {
    const redis = new Redis(process.env.REDIS_URL);
    const keys = await redis.keys(pattern);
    if (keys.length) await redis.del(...keys);
    console.log(\`deleted \${keys.length} keys\`);
    redis.disconnect();
  });

program.parseAsync(process.argv);
`,
    expected: [],
  },
  {
    name: 'worker loop on a dedicated blocking connection',
    filename: 'worker/index.ts',
    code: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL!);
const blocking = redis.duplicate();

async function work(): Promise<never> {
  for (;;) {
    const item = await blocking.brpop('jobs', 0);
    if (item) await redis.lpush('done', item[1]);
  }
}

void work();
`,
    expected: [],
  },
  {
    name: 'exported stream consumer reads with XREADGROUP BLOCK',
    filename: 'worker/stream-consumer.ts',
    note: 'DESIGN: an exported factory whose callers the rule cannot see stays silent at its own construction; its per-request callers in other files carry the report.',
    code: `import { createClient } from 'redis';

export async function consume(stream: string, group: string, consumer: string) {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  while (true) {
    const entries = await client.xReadGroup(group, consumer, { key: stream, id: '>' }, { BLOCK: 5000, COUNT: 10 });
    if (!entries) continue;
    for (const entry of entries[0].messages) await client.xAck(stream, group, entry.id);
  }
}
`,
    expected: [],
  },
];
