import type { PlatformModel } from '../../shared/platformModel/PlatformModel.ts';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** `docs/openapi.json`: OpenAPI 3.1 of the public HTTP API (routes that exist in AWS, with their auth). */
export const renderOpenApi = (model: PlatformModel, version: string): Record<string, unknown> => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of model.routes.filter((r) => !r.localOnly)) {
    const params = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const operation: Record<string, unknown> = {
      operationId: route.functionId,
      summary: route.description,
      tags: [route.module],
      'x-soleil-auth': route.auth,
      parameters: params,
      responses: {
        '200': { description: 'Success' },
        '400': problem('Invalid input'),
        ...(route.auth === 'public'
          ? {}
          : { '401': problem('Missing or invalid token'), '403': problem('Not allowed') }),
        '500': problem('Unexpected error'),
      },
      ...(route.auth === 'public' ? { security: [] } : {}),
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'SOLEil HTTP API', version },
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string', format: 'uri' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            correlationId: { type: 'string' },
          },
        },
      },
    },
  };
};
