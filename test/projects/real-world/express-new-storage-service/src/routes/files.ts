import { Router } from 'express';
import { StorageService } from '../services/storage.service';

export const files = Router();

files.get('/:id', async (req, res) => {
  const storage = new StorageService();
  const body = await storage.read(req.params.id);
  await storage.close();
  if (!body) return res.sendStatus(404);
  res.type('application/octet-stream').send(body);
});
