import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from '../redis/redis.factory';

@Injectable()
export class SessionsService {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  touch(id: string) {
    return this.redis.expire(`session:${id}`, 1800);
  }
}
