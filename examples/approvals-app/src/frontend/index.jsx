import React from 'react';
import ForgeReconciler, { Text } from '@forge/react';

// The issue panel: it shows what the back end stored; it calls no product API itself.
const App = () => <Text>Approvals are checked when the issue moves to Done.</Text>;

ForgeReconciler.render(<App />);
