import { Router } from 'express';
import { cacheFor } from '../middleware/cache.js';

export const trips = Router();

trips.get('/', cacheFor(60), (_req, res) => res.json([{ id: 1, to: 'Lisbon' }]));
trips.get('/:id', cacheFor(300), (req, res) => res.json({ id: Number(req.params.id) }));
