import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { registerRooms } from './realtime.js';
import { publisher } from './redis.js';

const httpServer = createServer();
const io = new Server(httpServer);
registerRooms(io);
io.on('connection', (socket) => {
  socket.on('say', (text: string) => void publisher.publish(`room:${String(socket.handshake.query.room)}`, text));
});
httpServer.listen(3000);
