import api, { route, storage } from '@forge/api';
import Resolver from '@forge/resolver';

const resolver = new Resolver();

// Creates the approver role an admin configured, once; roles are never deleted.
async function createRole(name) {
  const response = await api.asApp().requestJira(route`/rest/api/3/role`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, description: 'Approves issues in this project' }),
  });
  return response.json();
}

resolver.define('configure', async ({ payload }) => {
  const existing = await storage.get(`role:${payload.projectKey}`);
  if (existing) return existing;
  const role = await createRole(payload.roleName);
  await storage.set(`role:${payload.projectKey}`, role.id);
  return role.id;
});

resolver.define('issue', async ({ payload }) => {
  const response = await api.asUser().requestJira(route`/rest/api/3/issue/${payload.key}`);
  return response.json();
});

export const handler = resolver.getDefinitions();
