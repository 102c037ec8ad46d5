import express from 'express';
import { orders } from './routes/orders.js';

const app = express();
app.use('/orders', orders);
app.listen(4000);
