import express from 'express';

export const notes = express.Router();

notes.get('/:id', async (req, res) => {
  const note = await req.app.locals.redis.get(`note:${req.params.id}`);
  res.json({ note });
});
