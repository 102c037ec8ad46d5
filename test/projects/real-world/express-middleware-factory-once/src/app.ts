import express from 'express';
import { rateLimit } from './middleware/rate-limit';

const app = express();
app.use(rateLimit({ url: process.env.REDIS_URL!, limit: 100 }));
app.get('/', (_req, res) => res.send('ok'));
app.listen(3000);
