import { createBackendModule } from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { httpRouterServiceFactory } from '@backstage/backend-defaults/httpRouter';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import authPlugin from '@backstage/plugin-auth-backend';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import request from 'supertest';

/**
 * A sign-in provider for tests: the user named in the `x-test-user` header signs in with the
 * ownership claims given here, the way a real provider's sign-in resolver would put the user's
 * groups into the token. Everything after sign-in is Backstage's real machinery: the auth
 * backend issues a signed user token, other plugins verify it against its JWKS, and plugin
 * calls made on the user's behalf carry the user and the calling plugin.
 */
function testSignInModule(ownership: Record<string, string[]>) {
  return createBackendModule({
    pluginId: 'auth',
    moduleId: 'test-header-provider',
    register(reg) {
      reg.registerInit({
        deps: { providers: authProvidersExtensionPoint },
        async init({ providers }) {
          providers.registerProvider({
            providerId: 'testheader',
            factory: createProxyAuthProviderFactory({
              authenticator: createProxyAuthenticator({
                defaultProfileTransform: async (result: { user: string }) => ({
                  profile: { displayName: result.user },
                }),
                initialize: () => undefined,
                async authenticate({ req }) {
                  const user = req.header('x-test-user');
                  if (!user) throw new Error('x-test-user header missing');
                  return { result: { user } };
                },
              }),
              async signInResolver({ result }, ctx) {
                const sub = `user:default/${result.user}`;
                return ctx.issueToken({ claims: { sub, ent: ownership[sub] ?? [sub] } });
              },
            }),
          });
        },
      });
    },
  });
}

/**
 * The real auth, http-auth, user-info, http-router and permission services, the auth backend,
 * and the test sign-in provider: add these to startTestBackend's features.
 */
export function realAuthFeatures(ownership: Record<string, string[]>) {
  return [
    authServiceFactory,
    httpAuthServiceFactory,
    userInfoServiceFactory,
    httpRouterServiceFactory,
    permissionsServiceFactory,
    permissionsRegistryServiceFactory,
    authPlugin,
    testSignInModule(ownership),
  ];
}

/** app-config the real auth services need in a test backend. */
export const REAL_AUTH_CONFIG = {
  app: { baseUrl: 'http://localhost:3000' },
  auth: { providers: { testheader: {} } },
};

/** Signs `user` in through the test provider and returns an Authorization header value. */
export async function signIn(server: Parameters<typeof request>[0], user: string): Promise<string> {
  const res = await request(server).get('/api/auth/testheader/refresh').set('x-test-user', user);
  if (res.status !== 200) {
    throw new Error(`sign-in of ${user} failed: ${res.status} ${res.text}`);
  }
  return `Bearer ${res.body.backstageIdentity.token}`;
}
