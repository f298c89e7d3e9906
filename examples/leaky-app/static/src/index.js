// The panel's front end (built into static/build): it asks the back end to sync the issue.
import { invoke, view } from '@forge/bridge';

view.getContext().then(({ extension }) => invoke('sync', { issueKey: extension.issue.key }));
document.getElementById('root').textContent = 'Leaky panel';
