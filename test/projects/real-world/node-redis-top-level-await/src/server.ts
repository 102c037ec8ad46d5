import express from 'express';
import { connectRedis } from './redis.js';

const redis = await connectRedis();
const app = express();

app.get('/stock/:sku', async (req, res) => {
  res.json({ sku: req.params.sku, stock: Number(await redis.get(`stock:${req.params.sku}`)) });
});

app.listen(3000);
