import Koa from 'koa';
import { redisFor } from './redis-for';
import { tenants } from './tenants';

const app = new Koa();

app.use(async (ctx) => {
  const tenant = tenants.find((candidate) => ctx.hostname.startsWith(candidate.name));
  if (!tenant) {
    ctx.status = 404;
    return;
  }
  ctx.body = { jobs: await redisFor(tenant).llen('jobs') };
});

app.listen(3000);
