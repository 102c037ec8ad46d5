import { Router } from 'express';
import rootController from '../controllers/root';
import { pageViews } from '../controllers/pages';

export default (() => {
  const router = Router();

  router.get('/', rootController);
  router.get('/pages', pageViews);

  return router;
})();
