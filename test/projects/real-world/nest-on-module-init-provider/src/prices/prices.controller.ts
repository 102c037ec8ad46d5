import { Controller, Get, Param } from '@nestjs/common';
import { RedisService } from '../redis/redis.service';

@Controller('prices')
export class PricesController {
  constructor(private readonly redis: RedisService) {}

  @Get(':symbol')
  async price(@Param('symbol') symbol: string) {
    return { symbol, price: await this.redis.getClient().get(`price:${symbol}`) };
  }
}
