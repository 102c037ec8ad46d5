import type { NextFunction, Request, Response } from 'express';
import Redis from 'ioredis';

export interface RateLimitOptions {
  url: string;
  limit: number;
}

export function rateLimit(options: RateLimitOptions) {
  const redis = new Redis(options.url);
  return async (req: Request, res: Response, next: NextFunction) => {
    const key = `rl:${req.ip}`;
    const count = await redis.incr(key);
    if (count === 1) await redis.expire(key, 60);
    if (count > options.limit) return res.status(429).end();
    next();
  };
}
