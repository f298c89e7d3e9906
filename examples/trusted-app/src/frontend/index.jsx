import React from 'react';
import ForgeReconciler, { Text } from '@forge/react';

// The panel only renders what the back end found; it calls no product API itself.
const App = () => <Text>Checked by the back end on every transition.</Text>;

ForgeReconciler.render(<App />);
