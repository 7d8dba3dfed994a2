import express, { type Router } from 'express';

export type Phase = 'starting' | 'ready' | 'draining';

/** What readiness depends on: the service's phase and whether the database answers. */
export interface Readiness {
  phase(): Phase;
  databaseReachable(): Promise<boolean>;
}

/** `/livez`: the process answers. `/readyz`: it can serve (ready phase, database reachable). */
export function healthRoutes(readiness: Readiness): Router {
  const router = express.Router();
  router.get('/livez', (_req, res) => {
    res.json({ status: 'alive' });
  });
  router.get('/readyz', async (_req, res) => {
    const phase = readiness.phase();
    if (phase !== 'ready') {
      res.status(503).json({ status: phase });
      return;
    }
    const database = await readiness.databaseReachable();
    res.status(database ? 200 : 503).json({ status: database ? 'ready' : 'database-unreachable' });
  });
  return router;
}
