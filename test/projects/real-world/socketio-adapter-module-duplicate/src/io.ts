import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import { pubClient } from './redis.js';

const subClient = pubClient.duplicate();
await Promise.all([pubClient.connect(), subClient.connect()]);

export const io = new Server({ adapter: createAdapter(pubClient, subClient) });
io.on('connection', (socket) => {
  socket.on('chat', (text: string) => io.emit('chat', text));
});
io.listen(3000);
