import Resolver from '@forge/resolver';
import api, { route, fetch } from '@forge/api';

const resolver = new Resolver();

resolver.define('sync', async ({ payload }) => {
  const issue = await api.asApp().requestJira(route`/rest/api/3/issue/${payload.issueKey}`);
  const body = await issue.json();
  await fetch('http://api.tracker.example.com/tickets', {
    method: 'POST',
    body: JSON.stringify({ key: body.key, summary: body.fields.summary }),
  });
  return { ok: true };
});

export const handler = resolver.getDefinitions();
