import { Controller, Query, Sse, type MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import { sharedRedis } from '../redis/client';

@Controller('events')
export class EventsController {
  private readonly bus: typeof sharedRedis;

  constructor() {
    this.bus = sharedRedis;
  }

  @Sse('stream')
  stream(@Query('room') room: string): Observable<MessageEvent> {
    const feed = this.bus.duplicate();
    return new Observable<MessageEvent>((subscriber) => {
      void feed.subscribe(`room:${room}`);
      feed.on('message', (_channel, data) => subscriber.next({ data }));
      return () => feed.disconnect();
    });
  }
}
