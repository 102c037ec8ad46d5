/** Serverless functions: AWS Lambda (ESM, CommonJS, middy), Netlify, Vercel, Firebase. */
import type { RealWorldCase } from './types.js';

export const serverlessCases: RealWorldCase[] = [
  {
    name: 'ESM Lambda handler with options from destructured env',
    filename: 'src/handlers/get-item.mjs',
    code: `import Redis from 'ioredis';

const { REDIS_HOST, REDIS_PORT = '6379', REDIS_PASSWORD } = process.env;

export const handler = async (event) => {
  const redis = new Redis({ host: REDIS_HOST, port: Number(REDIS_PORT), password: REDIS_PASSWORD, tls: {} });
  const item = await redis.get(\`item:\${event.pathParameters.id}\`);
  await redis.quit();
  return { statusCode: item ? 200 : 404, body: item ?? '' };
};
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every invocation of this AWS Lambda handler `handler`' },
    ],
  },
  {
    name: 'CommonJS Lambda with node-redis v3 callbacks',
    filename: 'handler.js',
    sourceType: 'commonjs',
    code: `'use strict';

const redis = require('redis');

module.exports.handler = (event, context, callback) => {
  const client = redis.createClient({ host: process.env.REDIS_HOST, port: 6379 });
  client.get('counter', (err, value) => {
    client.quit();
    if (err) return callback(err);
    callback(null, { statusCode: 200, body: JSON.stringify({ counter: value }) });
  });
};
`,
    expected: [
      {
        at: 'redis.createClient(',
        messageId: 'perRequestClientUnsafe',
        context: 'every invocation of this AWS Lambda handler `handler`',
        reason: 'it is in a callback-style handler, which Lambda ends only once the event loop is empty, and a shared connection keeps it busy; make the handler `async` first',
      },
    ],
  },
  {
    name: 'middy-wrapped Lambda (middy(base).use(...))',
    filename: 'src/functions/counter.ts',
    note: 'DESIGN names `export const handler` Lambdas; the brief lists middy-wrapped ones: the message should name the Lambda.',
    code: `import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import Redis from 'ioredis';

const baseHandler = async (event: APIGatewayProxyEventV2) => {
  const redis = new Redis(process.env.REDIS_URL!);
  const count = await redis.incr(\`counter:\${event.rawPath}\`);
  await redis.quit();
  return { statusCode: 200, body: JSON.stringify({ count }) };
};

export const handler = middy(baseHandler).use(httpJsonBodyParser());
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every invocation of this AWS Lambda handler `handler`' },
    ],
  },
  {
    name: 'middy v5 Lambda (middy().use(...).handler(fn))',
    filename: 'src/functions/profile.ts',
    code: `import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import { createClient } from 'redis';

export const handler = middy()
  .use(httpErrorHandler())
  .handler(async (event: { pathParameters: { id: string } }) => {
    const client = await createClient({ url: process.env.REDIS_URL }).connect();
    const profile = await client.hGetAll(\`profile:\${event.pathParameters.id}\`);
    await client.quit();
    return { statusCode: 200, body: JSON.stringify(profile) };
  });
`,
    expected: [
      { at: 'createClient(', messageId: 'perRequestClient', context: 'every invocation of this AWS Lambda handler `handler`' },
    ],
  },
  {
    name: 'CommonJS Lambda guards a top-level var with typeof (Upstash\'s CDK example)',
    filename: 'lambda/app.js',
    sourceType: 'commonjs',
    code: `const Redis = require('ioredis');

if (typeof client === 'undefined') {
  var client = new Redis(process.env.REDIS_URL);
}

exports.lambdaHandler = async (event) => {
  await client.set('message', event.queryStringParameters?.greet ?? 'World');
  return { statusCode: 200, body: await client.get('message') };
};
`,
    expected: [],
  },
  {
    name: 'ESM Lambda memoises a Cluster with ??=',
    filename: 'lambda/index.mjs',
    code: `import { Cluster } from 'ioredis';

let cluster;

export const handler = async (event) => {
  cluster ??= new Cluster([{ host: process.env.REDIS_CLUSTER_HOST, port: 6379 }], {
    dnsLookup: (address, callback) => callback(null, address),
    redisOptions: { tls: {} },
  });
  const value = await cluster.get(event.key);
  return { value };
};
`,
    expected: [],
  },
  {
    name: 'Netlify v2 function (default export arrow, .mts)',
    filename: 'netlify/functions/visits.mts',
    code: `import type { Config, Context } from '@netlify/functions';
import Redis from 'ioredis';

export default async (req: Request, context: Context) => {
  const redis = new Redis(Netlify.env.get('REDIS_URL')!);
  const visits = await redis.incr(\`visits:\${context.site.id}\`);
  redis.disconnect();
  return Response.json({ visits });
};

export const config: Config = { path: '/api/visits' };
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every invocation of this Netlify function' },
    ],
  },
  {
    name: 'Vercel function under api/ with node-redis',
    filename: 'api/track.ts',
    code: `import type { VercelRequest, VercelResponse } from '@vercel/node';
import { createClient } from 'redis';

export default async function handler(req: VercelRequest, res: VercelResponse) {
  const redis = createClient({ url: process.env.KV_URL });
  await redis.connect();
  await redis.xAdd('events', '*', { path: String(req.query.path ?? '/') });
  await redis.disconnect();
  res.status(204).end();
}
`,
    expected: [
      { at: 'createClient(', messageId: 'perRequestClient', context: 'every invocation of this Vercel function' },
    ],
  },
  {
    name: 'Firebase onRequest function',
    filename: 'functions/src/index.ts',
    note: 'Not a handler DESIGN names; the callback is still per request, so the generic phrase.',
    code: `import { onRequest } from 'firebase-functions/v2/https';
import Redis from 'ioredis';

export const hits = onRequest(async (req, res) => {
  const redis = new Redis(process.env.REDIS_URL!);
  const n = await redis.incr('hits');
  await redis.quit();
  res.json({ hits: n });
});
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every call to this callback' },
    ],
  },
  {
    name: 'SQS Lambda opens a client per record',
    filename: 'lambda/sqs-consumer.ts',
    code: `import type { SQSEvent } from 'aws-lambda';
import Redis from 'ioredis';

const redisUrl = process.env.REDIS_URL!;

export async function handler(event: SQSEvent) {
  for (const record of event.Records) {
    const redis = new Redis(redisUrl);
    const body = JSON.parse(record.body) as { userId: string };
    await redis.sadd('active-users', body.userId);
    await redis.quit();
  }
}
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every invocation of this AWS Lambda handler `handler`' },
    ],
  },
  {
    name: 'WebSocket $connect Lambda with a destructured require',
    filename: 'lambda/ws-connect.cjs',
    sourceType: 'commonjs',
    code: `const { Redis } = require('ioredis');

exports.handler = async function (event) {
  const redis = new Redis(process.env.REDIS_URL, { lazyConnect: true });
  await redis.connect();
  await redis.hset('connections', event.requestContext.connectionId, Date.now());
  await redis.quit();
  return { statusCode: 200 };
};
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every invocation of this AWS Lambda handler `handler`' },
    ],
  },
  {
    name: 'SST-style wrapped Lambda named main (handlerNames option)',
    filename: 'packages/functions/src/list.ts',
    options: { handlerNames: ['main'] },
    code: `import Redis from 'ioredis';
import handler from '@notes/core/handler';

export const main = handler(async (event) => {
  const redis = new Redis(process.env.REDIS_URL!);
  const notes = await redis.lrange(\`notes:\${event.requestContext.authorizer?.iam.cognitoIdentity.identityId}\`, 0, -1);
  redis.disconnect();
  return JSON.stringify(notes);
});
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every invocation of this AWS Lambda handler `main`' },
    ],
  },
];
