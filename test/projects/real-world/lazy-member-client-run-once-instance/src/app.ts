import express from 'express';
import { sessions } from './sessions';

const app = express();

app.get('/me', async (req, res) => {
  const session = await sessions.read(String(req.headers['x-session-id']));
  res.json(session ? JSON.parse(session) : null);
});

app.listen(3000);
