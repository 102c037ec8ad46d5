import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { redisClient } from '../lib/redis';

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const redis = redisClient();
  const ip = event.requestContext.identity.sourceIp;
  const hits = await redis.incr(`rl:${ip}`);
  await redis.quit();
  return { statusCode: hits > 100 ? 429 : 200, body: '' };
};
