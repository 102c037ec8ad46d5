const express = require('express');
const connectRedis = require('../lib/redis');

const router = express.Router();

router.get('/:id', async (req, res, next) => {
  const redis = connectRedis();
  try {
    const cached = await redis.get(`product:${req.params.id}`);
    res.json(cached ? JSON.parse(cached) : null);
  } catch (err) {
    next(err);
  } finally {
    redis.disconnect();
  }
});

module.exports = router;
