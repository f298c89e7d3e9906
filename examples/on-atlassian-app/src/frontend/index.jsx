import React, { useEffect, useState } from 'react';
import ForgeReconciler, { Checkbox, Heading, Stack } from '@forge/react';
import { invoke } from '@forge/bridge';

// The page's checklist: the back end makes every product call and keeps the items.
const App = () => {
  const [checklist, setChecklist] = useState({ title: '', items: [] });
  useEffect(() => {
    invoke('getChecklist').then(setChecklist);
  }, []);
  const toggle = async (index) => {
    const items = checklist.items.map((item, i) => (i === index ? { ...item, done: !item.done } : item));
    setChecklist({ ...checklist, items: await invoke('setChecklist', { items }) });
  };
  return (
    <Stack>
      <Heading>{checklist.title}</Heading>
      {checklist.items.map((item, i) => (
        <Checkbox key={item.label} label={item.label} isChecked={item.done} onChange={() => toggle(i)} />
      ))}
    </Stack>
  );
};

ForgeReconciler.render(<App />);
