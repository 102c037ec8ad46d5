import { z } from 'zod';
import { connectRedis } from '../redis';
import { publicProcedure, router } from '../trpc';

export const counterRouter = router({
  bump: publicProcedure.input(z.string()).mutation(async ({ input }) => {
    const redis = await connectRedis();
    const value = await redis.incr(`counter:${input}`);
    await redis.quit();
    return value;
  }),
});
