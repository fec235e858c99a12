import { z } from 'zod';
import { accessRoleResponse, userResponse } from '../users/user.response.js';

// What POST /api/auth/sign-in and GET /api/auth/me answer (issue 14 §8).

export const signedInResponse = z.object({
  token: z.string().describe('Send as Authorization: Bearer <token>'),
  expiresAt: z.iso.datetime(),
  user: userResponse.pick({ id: true, email: true, displayName: true, roles: true }),
});

export const meResponse = z.union([
  userResponse,
  z
    .object({ id: z.string(), roles: z.array(accessRoleResponse) })
    .describe('ADMIN_TOKEN (id "admin-token"), which is no user'),
]);
