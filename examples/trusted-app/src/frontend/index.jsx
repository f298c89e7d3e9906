import React, { useEffect, useState } from 'react';
import ForgeReconciler, { Button, Text, useProductContext } from '@forge/react';
import { invoke } from '@forge/bridge';

// The panel shows the issue the back end read and lets an admin set up the approver role;
// it calls no product API itself.
const App = () => {
  const context = useProductContext();
  const key = context?.extension.issue.key;
  const projectKey = context?.extension.project.key;
  const [issue, setIssue] = useState(null);
  useEffect(() => {
    if (key) invoke('issue', { key }).then(setIssue);
  }, [key]);
  const configure = () => invoke('configure', { projectKey, roleName: 'Approvers' });
  return (
    <>
      <Text>{issue ? issue.fields.summary : 'Loading'}</Text>
      <Button onClick={configure}>Set up approvers</Button>
    </>
  );
};

ForgeReconciler.render(<App />);
