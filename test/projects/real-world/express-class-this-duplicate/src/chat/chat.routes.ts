import { Router } from 'express';
import { ChatController } from './chat.controller';

const chat = new ChatController();
export const chatRouter = Router();

chatRouter.post('/:room', (req, res) => chat.post(req, res));
chatRouter.get('/:room/stream', (req, res) => chat.stream(req, res));
