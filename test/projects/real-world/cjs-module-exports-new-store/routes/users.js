const express = require('express');
const cacheStore = require('../lib/cache-store');

const router = express.Router();

router.get('/:id', async (req, res) => {
  const cached = await cacheStore.get(`user:${req.params.id}`);
  res.json(cached ? JSON.parse(cached) : null);
});

module.exports = router;
