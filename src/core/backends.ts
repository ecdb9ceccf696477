/**
 * Where a computation may run, as a user asks for it (`vsdl sweep --backend`, the labs' `?backend=`): `auto` lets
 * a measurement decide, `gpu` and `cpu` force one. One list for every shell.
 */
export const BACKEND_REQUESTS = ['auto', 'gpu', 'cpu'] as const;
export type BackendRequest = (typeof BACKEND_REQUESTS)[number];
