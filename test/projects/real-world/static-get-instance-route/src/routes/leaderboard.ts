import { Router } from 'express';
import { RedisConnection } from '../redis/RedisConnection';

export const leaderboard = Router();

leaderboard.get('/top', async (_req, res) => {
  const { client } = RedisConnection.getInstance();
  res.json(await client.zrevrange('board', 0, 9, 'WITHSCORES'));
});
