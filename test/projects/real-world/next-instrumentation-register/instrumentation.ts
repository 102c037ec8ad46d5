import { connectRedis, holder } from './lib/redis';

export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    holder.client = await connectRedis();
  }
}
