import type { SQSEvent } from 'aws-lambda';
import { getRedis } from './clients';

export const handler = async (event: SQSEvent): Promise<void> => {
  const redis = getRedis();
  for (const record of event.Records) {
    await redis.sadd('processed', record.messageId);
  }
};
