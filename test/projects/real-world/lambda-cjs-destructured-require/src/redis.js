'use strict';

const Redis = require('ioredis');

exports.getRedisConnection = () =>
  new Redis({ host: process.env.REDIS_HOST, port: Number(process.env.REDIS_PORT || 6379), tls: {} });
