import { describe, expect, it } from 'vitest';
import { HttpRouteTable } from '../../../../../infra/local/http/HttpRouteTable.ts';
import { edgeTestModel } from './edgeTestModel.ts';

const table = new HttpRouteTable(
  edgeTestModel({
    routes: [
      { method: 'GET', path: '/api/bands/{bandId}/members/{userId}', functionId: 'params' },
      { method: 'GET', path: '/api/bands/{bandId}/members/me', functionId: 'me' },
      { method: 'GET', path: '/api/bands/mine/members/{userId}', functionId: 'mine' },
      { method: 'POST', path: '/api/bands/{bandId}/members/{userId}', functionId: 'post' },
    ],
  }).routes,
);

describe('HttpRouteTable', () => {
  it('matches method and path and extracts decoded parameters', () => {
    expect(table.match('GET', '/api/bands/b%2F1/members/u%201')).toMatchObject({
      routeKey: 'GET /api/bands/{bandId}/members/{userId}',
      pathParameters: { bandId: 'b/1', userId: 'u 1' },
    });
    expect(table.match('POST', '/api/bands/b1/members/u1')?.route.functionId).toBe('post');
  });

  it('prefers the route whose literal segment comes first', () => {
    expect(table.match('GET', '/api/bands/b1/members/me')?.route.functionId).toBe('me');
    expect(table.match('GET', '/api/bands/mine/members/me')?.route.functionId).toBe('mine');
  });

  it('does not match another method, another length, or an empty parameter', () => {
    expect(table.match('DELETE', '/api/bands/b1/members/u1')).toBeUndefined();
    expect(table.match('GET', '/api/bands/b1/members')).toBeUndefined();
    expect(table.match('GET', '/api/bands//members/u1')).toBeUndefined();
  });
});
