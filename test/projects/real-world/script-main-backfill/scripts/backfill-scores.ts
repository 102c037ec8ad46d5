import { makeRedis } from '../src/lib/redis';

async function main() {
  const redis = makeRedis();
  const players = await redis.smembers('players');
  for (const player of players) {
    await redis.zadd('scores', 0, player);
  }
  await redis.quit();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
