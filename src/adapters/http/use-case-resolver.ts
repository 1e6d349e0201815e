/**
 * How routes reach their use cases: by class, from the composition root's container. Each feature's routes file
 * resolves what it needs, so adding a feature never touches another feature's routes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a use case class with any constructor
export type UseCaseResolver = <T>(useCase: new (...args: any[]) => T) => T;
