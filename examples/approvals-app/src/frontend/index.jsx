import React, { useEffect, useState } from 'react';
import ForgeReconciler, { Button, Text, useProductContext } from '@forge/react';
import { invoke } from '@forge/bridge';

// The issue panel: it asks the back end for the approval and records one; it calls no
// product API itself.
const App = () => {
  const context = useProductContext();
  const issueKey = context?.extension.issue.key;
  const projectKey = context?.extension.project.key;
  const [approval, setApproval] = useState(null);
  useEffect(() => {
    if (issueKey) invoke('getApproval', { issueKey }).then(setApproval);
  }, [issueKey]);
  const approve = async () => setApproval(await invoke('approve', { issueKey, projectKey }));
  return approval ? <Text>Approved by {approval.approvedBy}</Text> : <Button onClick={approve}>Approve</Button>;
};

ForgeReconciler.render(<App />);
