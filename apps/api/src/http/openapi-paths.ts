/** Fastify's `/api/workers/:id` as OpenAPI writes it: `/api/workers/{id}`. */
export function openApiPath(route: string): string {
  return route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
