'use strict';

const { getRedisConnection } = require('./redis');

exports.handler = async (event) => {
  const redis = getRedisConnection();
  try {
    await redis.set(`thumb:${event.key}`, 'pending', 'EX', 3600);
    return { statusCode: 202 };
  } finally {
    redis.disconnect();
  }
};
