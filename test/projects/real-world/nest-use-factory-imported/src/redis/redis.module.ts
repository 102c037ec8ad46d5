import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { REDIS_CLIENT, createRedisClient } from './redis.factory';

@Global()
@Module({
  providers: [{ provide: REDIS_CLIENT, useFactory: createRedisClient, inject: [ConfigService] }],
  exports: [REDIS_CLIENT],
})
export class RedisModule {}
