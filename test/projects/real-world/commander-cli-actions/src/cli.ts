#!/usr/bin/env node
import { Command } from 'commander';
import { openRedis } from './redis.js';

const program = new Command('cache');
program.option('--url <url>', 'Redis URL', 'redis://127.0.0.1:6379');

program
  .command('flush <pattern>')
  .description('delete every key matching a pattern')
  .action(async (pattern: string) => {
    const redis = openRedis(program.opts<{ url: string }>().url);
    const keys = await redis.keys(pattern);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

program
  .command('size')
  .action(async () => {
    const redis = openRedis(program.opts<{ url: string }>().url);
    console.log(await redis.dbsize());
    await redis.quit();
  });

await program.parseAsync();
