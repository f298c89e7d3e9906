import Resolver from '@forge/resolver';
import api, { route, storage } from '@forge/api';

const resolver = new Resolver();

resolver.define('getChecklist', async ({ context }) => {
  const pageId = context.extension.content.id;
  const page = await api.asUser().requestConfluence(route`/wiki/api/v2/pages/${pageId}`);
  const { title } = await page.json();
  const items = (await storage.get(`checklist:${pageId}`)) ?? [];
  return { title, items };
});

resolver.define('setChecklist', async ({ context, payload }) => {
  await storage.set(`checklist:${context.extension.content.id}`, payload.items);
  return payload.items;
});

export const handler = resolver.getDefinitions();
