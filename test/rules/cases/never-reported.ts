// Look-alikes that never open a Redis connection: resolved by import source, never by name.
import type { Valid } from './types.js';

export const neverReportedCases: Valid[] = [
  // @upstash/redis is an HTTP client whose class is also called Redis
  {
    filename: 'pages/api/upstash.ts',
    code: `import { Redis } from '@upstash/redis';

export default async function handler(req, res) {
  const redis = new Redis({ url: process.env.UPSTASH_REDIS_REST_URL, token: process.env.UPSTASH_REDIS_REST_TOKEN });
  res.json({ hits: await redis.incr('hits') });
}
`,
  },
  // @upstash/redis static fromEnv
  {
    filename: 'app/api/upstash/route.ts',
    code: `import { Redis } from '@upstash/redis';

export async function GET() {
  const redis = Redis.fromEnv();
  return Response.json({ hits: await redis.incr('hits') });
}
`,
  },
  // @vercel/kv createClient
  {
    filename: 'app/api/kv/route.ts',
    code: `import { createClient } from '@vercel/kv';

export async function GET() {
  const kv = createClient({ url: process.env.KV_REST_API_URL, token: process.env.KV_REST_API_TOKEN });
  return Response.json({ hits: await kv.incr('hits') });
}
`,
  },
  // another package's createClient
  {
    filename: 'app/api/profile/route.ts',
    code: `import { createClient } from '@supabase/supabase-js';

export async function GET() {
  const supabase = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_KEY);
  return Response.json(await supabase.from('profiles').select());
}
`,
  },
  // another package's createClient, CommonJS
  {
    filename: 'lambda/supabase.cjs',
    languageOptions: { parserOptions: { sourceType: 'script' } },
    code: `const { createClient } = require('@supabase/supabase-js');

exports.handler = async () => {
  const supabase = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_KEY);
  return { statusCode: 200, body: JSON.stringify(await supabase.from('profiles').select()) };
};
`,
  },
  // a local module that happens to export createClient
  {
    filename: 'pages/api/local.ts',
    code: `import { createClient } from '../../lib/redis';

export default async function handler(req, res) {
  const client = createClient();
  res.json({ hits: await client.incr('hits') });
}
`,
  },
  // a path alias to a local module
  {
    filename: 'app/api/alias/route.ts',
    code: `import { createClient } from '@/lib/redis';

export async function GET() {
  const client = await createClient();
  return Response.json({ hits: await client.incr('hits') });
}
`,
  },
  // the shared client imported from lib/redis
  {
    filename: 'src/server.ts',
    code: `import express from 'express';
import { redis } from './lib/redis.js';

const app = express();

app.get('/hits', async (req, res) => {
  res.json({ hits: await redis.incr('hits') });
});
`,
  },
  // a mock with the same API
  {
    filename: 'pages/api/mocked.ts',
    code: `import RedisMock from 'ioredis-mock';

export default async function handler(req, res) {
  const redis = new RedisMock();
  res.json({ hits: await redis.incr('hits') });
}
`,
  },
  // a type-only import
  {
    filename: 'pages/api/type-only.ts',
    code: `import type { Redis } from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ hits: await redis.incr('hits') });
}
`,
  },
  // a type-only specifier
  {
    filename: 'app/api/type-specifier/route.ts',
    code: `import { type Redis } from 'ioredis';

export async function GET() {
  const redis = new Redis(process.env.REDIS_URL);
  return Response.json({ hits: await redis.incr('hits') });
}
`,
  },
  // the import used only in a type position
  {
    filename: 'lib/use-redis.ts',
    code: `import Redis from 'ioredis';

export function readGreeting(redis: Redis) {
  return redis.get('greeting');
}
`,
  },
  // text in comments and strings
  {
    filename: 'pages/api/docs.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  // const redis = new Redis(process.env.REDIS_URL);
  /* createClient() */
  const hint = 'new Redis(process.env.REDIS_URL) opens a connection';
  res.json({ hint, example: \`createClient({ url })\` });
}
`,
  },
  // a local class that happens to be called Redis
  {
    filename: 'pages/api/fake.js',
    code: `class Redis {
  constructor() {
    this.data = new Map();
  }
}

export default function handler(req, res) {
  const redis = new Redis();
  res.json({ size: redis.data.size });
}
`,
  },
  // a parameter that shadows the imported factory
  {
    filename: 'lib/with-client.ts',
    code: `import { createClient } from 'redis';

export const defaultFactory = createClient;

export async function withClient(createClient: () => { get(key: string): Promise<string | null> }) {
  return createClient().get('greeting');
}
`,
  },
  // .duplicate() on something that is not a client
  {
    filename: 'pages/api/draft.ts',
    code: `export default async function handler(req, res) {
  const copy = req.body.draft.duplicate();
  res.json(copy);
}
`,
  },
  // ioredis exports that do not open a connection
  {
    filename: 'pages/api/command.ts',
    code: `import { Command } from 'ioredis';

export default async function handler(req, res) {
  const command = new Command('GET', ['greeting']);
  res.json({ name: command.name });
}
`,
  },
];
