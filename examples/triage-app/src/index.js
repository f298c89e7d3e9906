import Resolver from '@forge/resolver';
import api, { route } from '@forge/api';

const resolver = new Resolver();

// The panel shows which triage labels the issue still lacks.
resolver.define('getLabels', async ({ context }) => {
  const key = context.extension.issue.key;
  const response = await api.asUser().requestJira(route`/rest/api/3/issue/${key}?fields=labels`);
  const { fields } = await response.json();
  return fields.labels;
});

export const handler = resolver.getDefinitions();
