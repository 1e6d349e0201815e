import express, { type NextFunction, type Request, type Response, type Router } from 'express';

type Handler = (req: Request, res: Response, next: NextFunction) => unknown;
const routeMethods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * An Express router whose async route handlers may simply throw. Express 5 hands a rejected promise to the error
 * handler; Express 4 (a host may mount the plugin on either) ignores it and the request hangs. Every handler given to
 * `get`/`post`/`put`/`patch`/`delete` here forwards its rejection to `next`, so both behave as Express 5 does.
 */
export const createAsyncSafeRouter = (): Router => {
  const router = express.Router({ mergeParams: true });
  for (const method of routeMethods) {
    const register = (router[method] as (...args: unknown[]) => Router).bind(router);
    Object.defineProperty(router, method, { value: (path: unknown, ...handlers: unknown[]) => register(path, ...handlers.map(forwardRejection)) });
  }
  return router;
};

const forwardRejection = (handler: unknown): unknown => {
  // Error handlers (four parameters) and anything that is not a function pass through as Express expects them.
  if (typeof handler !== 'function' || handler.length === 4) return handler;
  return (req: Request, res: Response, next: NextFunction): void => {
    const result = (handler as Handler)(req, res, next) as { then?: unknown } | undefined;
    if (typeof result?.then === 'function') (result as PromiseLike<unknown>).then(undefined, next);
  };
};
