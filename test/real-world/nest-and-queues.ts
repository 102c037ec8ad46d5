/** NestJS providers, modules and controllers; BullMQ queues and workers; iovalkey. */
import type { RealWorldCase } from './types.js';

export const nestAndQueueCases: RealWorldCase[] = [
  {
    name: 'NestJS module: useFactory given by reference',
    filename: 'src/redis/redis.module.ts',
    code: `import { Global, Module, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

const redisFactory = async (config: ConfigService): Promise<Redis> => {
  const client = new Redis({ host: config.get('REDIS_HOST'), port: config.get<number>('REDIS_PORT') });
  await client.ping();
  return client;
};

const redisProvider: Provider = { provide: REDIS_CLIENT, useFactory: redisFactory, inject: [ConfigService] };

@Global()
@Module({ providers: [redisProvider], exports: [REDIS_CLIENT] })
export class RedisModule {}
`,
    expected: [],
  },
  {
    name: 'NestJS singleton service: constructor and instance field',
    filename: 'src/redis/redis.service.ts',
    code: `import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createClient, type RedisClientType } from 'redis';

@Injectable()
export class RedisService implements OnModuleDestroy {
  private readonly client: RedisClientType;
  readonly subscriber = createClient({ url: process.env.REDIS_URL });

  constructor(private readonly config: ConfigService) {
    this.client = createClient({ url: this.config.getOrThrow<string>('REDIS_URL') });
  }

  async onModuleInit() {
    await Promise.all([this.client.connect(), this.subscriber.connect()]);
  }

  async onModuleDestroy() {
    await Promise.all([this.client.quit(), this.subscriber.quit()]);
  }
}
`,
    expected: [],
  },
  {
    name: 'NestJS request-scoped provider keys the client by tenant',
    filename: 'src/tenancy/tenant-redis.service.ts',
    code: `import { Inject, Injectable, Scope } from '@nestjs/common';
import { REQUEST } from '@nestjs/core';
import type { Request } from 'express';
import Redis from 'ioredis';

@Injectable({ scope: Scope.REQUEST })
export class TenantRedisService {
  readonly client: Redis;

  constructor(@Inject(REQUEST) request: Request) {
    this.client = new Redis(process.env.REDIS_URL!, { keyPrefix: \`\${request.headers['x-tenant-id']}:\` });
  }
}
`,
    expected: [
      {
        at: 'new Redis(',
        messageId: 'perRequestClientUnsafe',
        context: 'every request to this request-scoped NestJS provider `TenantRedisService`',
        reason: 'its options use `request`',
      },
    ],
  },
  {
    name: 'NestJS controller method builds a client',
    filename: 'src/hits/hits.controller.ts',
    code: `import { Controller, Get, Param } from '@nestjs/common';
import Redis from 'ioredis';

@Controller('hits')
export class HitsController {
  @Get(':page')
  async hit(@Param('page') page: string) {
    const redis = new Redis(process.env.REDIS_URL!);
    const hits = await redis.incr(\`hits:\${page}\`);
    await redis.quit();
    return { page, hits };
  }
}
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every call to `HitsController.hit()`' },
    ],
  },
  {
    name: 'NestJS service connects in onModuleInit',
    filename: 'src/cache/cache.service.ts',
    code: `import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';

@Injectable()
export class CacheService implements OnModuleInit, OnModuleDestroy {
  private client!: Redis;

  onModuleInit() {
    const url = process.env.REDIS_URL || 'redis://localhost:6379';
    this.client = new Redis(url);
  }

  get(key: string) {
    return this.client.get(key);
  }

  async onModuleDestroy() {
    await this.client.quit();
  }
}
`,
    expected: [],
  },
  {
    name: 'BullMQ module: one connection, queue, events and a worker factory',
    filename: 'src/queue.ts',
    code: `import { Queue, Worker, QueueEvents } from 'bullmq';
import IORedis from 'ioredis';

export const connection = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });

export const emailQueue = new Queue('email', { connection });
export const emailEvents = new QueueEvents('email', { connection: connection.duplicate() });

export function startEmailWorker(send: (to: string) => Promise<void>) {
  return new Worker('email', async (job) => send(job.data.to), { connection, concurrency: 5 });
}
`,
    expected: [],
  },
  {
    name: 'BullMQ Queue built per request (sources option)',
    filename: 'src/routes/emails.ts',
    options: { sources: [
        { module: 'bullmq', exports: ['Queue', 'Worker', 'QueueEvents', 'FlowProducer'] },
      ] },
    code: `import express from 'express';
import { Queue } from 'bullmq';
import { connection } from '../queue.js';

export const emails = express.Router();

emails.post('/emails', async (req, res) => {
  const queue = new Queue('email', { connection });
  await queue.add('welcome', { to: req.body.to });
  await queue.close();
  res.status(202).json({ queued: true });
});
`,
    expected: [
      { at: 'new Queue(', messageId: 'perRequestClient', context: 'every request to this Express route callback' },
    ],
  },
  {
    name: 'BullMQ processor opens a cache client per job',
    filename: 'src/jobs/report-worker.ts',
    code: `import { Worker, type Job } from 'bullmq';
import Redis from 'ioredis';

const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });

export const reportWorker = new Worker(
  'reports',
  async (job: Job<{ reportId: string }>) => {
    const cache = new Redis(process.env.CACHE_URL!);
    await cache.set(\`report:\${job.data.reportId}:status\`, 'running');
    await cache.quit();
  },
  { connection },
);
`,
    expected: [
      { at: 'new Redis(', nth: 2, messageId: 'perRequestClient', context: 'every call to this callback' },
    ],
  },
  {
    name: 'iovalkey in an exported controller (sources option)',
    filename: 'src/controllers/profile.ts',
    options: { sources: [
        { module: 'iovalkey', like: 'ioredis' },
      ] },
    code: `import Valkey from 'iovalkey';
import type { Request, Response } from 'express';

export async function getProfile(req: Request, res: Response) {
  const valkey = new Valkey(process.env.VALKEY_URL!);
  const profile = await valkey.hgetall(\`profile:\${req.params.id}\`);
  valkey.disconnect();
  res.json(profile);
}
`,
    expected: [
      { at: 'new Valkey(', messageId: 'perRequestClient', context: 'every call to `getProfile()`' },
    ],
  },
  {
    name: 'iovalkey without the sources option',
    filename: 'src/controllers/profile.ts',
    code: `import Valkey from 'iovalkey';
import type { Request, Response } from 'express';

export async function getProfile(req: Request, res: Response) {
  const valkey = new Valkey(process.env.VALKEY_URL!);
  const profile = await valkey.hgetall(\`profile:\${req.params.id}\`);
  valkey.disconnect();
  res.json(profile);
}
`,
    expected: [],
  },
];
