import Koa from 'koa';
import { stats } from './routes/stats';

const app = new Koa();
app.use(stats.routes());
app.listen(3000);
