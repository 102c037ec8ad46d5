import express from 'express';
import { files } from './routes/files';

const app = express();
app.use('/files', files);
app.listen(Number(process.env.PORT ?? 3000));
