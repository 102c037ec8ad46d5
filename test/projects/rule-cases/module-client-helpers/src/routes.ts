import { Router } from 'express';
import { tokenBalance } from './tokens';

export const router = Router();

router.get('/balance', async (req, res) => {
  res.json({ balance: await tokenBalance(String(req.query.key)) });
});
