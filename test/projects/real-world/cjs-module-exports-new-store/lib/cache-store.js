const { createClient } = require('redis');

class CacheStore {
  constructor() {
    this.client = createClient({ url: process.env.REDIS_URL });
    this.client.on('error', (err) => console.error('cache store', err));
    this.ready = this.client.connect();
  }

  async get(key) {
    await this.ready;
    return this.client.get(key);
  }
}

module.exports = new CacheStore();
