import React from 'react';
import ForgeReconciler, { Text } from '@forge/react';

// The panel only renders; the back end makes every product call.
const App = () => <Text>See the back end for what this app reads and writes.</Text>;

ForgeReconciler.render(<App />);
