import { type OnGatewayConnection, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type Redis from 'ioredis';
import type { Server, Socket } from 'socket.io';
import { redisConnection } from '../redis/connection';

@WebSocketGateway({ namespace: '/presence' })
export class PresenceGateway implements OnGatewayConnection {
  @WebSocketServer()
  server!: Server;

  private readonly broadcasts: Redis;

  constructor() {
    this.broadcasts = redisConnection.duplicate();
    void this.broadcasts.subscribe('presence:all');
    this.broadcasts.on('message', (_channel, message) => this.server.emit('presence', message));
  }

  handleConnection(client: Socket) {
    const personal = redisConnection.duplicate();
    void personal.subscribe(`presence:user:${client.handshake.auth.userId}`);
    personal.on('message', (_channel, message) => client.emit('presence', message));
    client.on('disconnect', () => personal.disconnect());
  }
}
