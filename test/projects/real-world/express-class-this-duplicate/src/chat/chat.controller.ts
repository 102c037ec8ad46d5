import type { Request, Response } from 'express';
import Redis from 'ioredis';

export class ChatController {
  private readonly redis: Redis;

  constructor() {
    this.redis = new Redis(process.env.REDIS_URL!);
  }

  async post(req: Request, res: Response) {
    await this.redis.publish(`chat:${req.params.room}`, JSON.stringify(req.body));
    res.status(202).end();
  }

  async stream(req: Request, res: Response) {
    res.setHeader('Content-Type', 'text/event-stream');
    const inbox = this.redis.duplicate();
    await inbox.subscribe(`chat:${req.params.room}`);
    inbox.on('message', (_channel, message) => res.write(`data: ${message}\n\n`));
    req.on('close', () => inbox.disconnect());
  }
}
