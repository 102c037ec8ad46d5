import { connectRedis } from '~/server/utils/redis';

export default defineNitroPlugin(async (nitro) => {
  const client = await connectRedis();
  nitro.hooks.hook('request', (event) => {
    event.context.redis = client;
  });
  nitro.hooks.hook('close', async () => {
    await client.quit();
  });
});
