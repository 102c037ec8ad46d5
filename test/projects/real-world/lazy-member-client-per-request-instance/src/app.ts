import express from 'express';
import { CartStore } from './cart-store';

const app = express();

app.get('/carts/:id', async (req, res) => {
  const store = new CartStore();
  res.json(await store.items(req.params.id));
});

app.listen(3000);
