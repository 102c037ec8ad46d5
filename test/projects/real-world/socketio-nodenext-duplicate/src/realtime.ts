import type { Server } from 'socket.io';
import { publisher } from './redis.js';

export function registerRooms(io: Server): void {
  io.on('connection', (socket) => {
    const roomFeed = publisher.duplicate();
    void roomFeed.subscribe(`room:${String(socket.handshake.query.room)}`);
    roomFeed.on('message', (_channel, message) => socket.emit('message', message));
    socket.on('disconnect', () => roomFeed.disconnect());
  });
}
