// Loads the TypeScript worker entry named in workerData through tsx (see node-worker.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
