import express from 'express';
import { openRedis } from './redis.js';
import { notes } from './routes/notes.js';

const app = express();
app.use('/notes', notes);

(async () => {
  app.locals.redis = await openRedis();
  app.listen(process.env.PORT ?? 3000, () => console.log('listening'));
})();
