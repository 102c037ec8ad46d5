const Redis = require('ioredis');

module.exports = function connectRedis() {
  return new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1 });
};
