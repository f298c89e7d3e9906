import React, { useEffect, useState } from 'react';
import ForgeReconciler, { Tag, TagGroup } from '@forge/react';
import { invoke } from '@forge/bridge';

// The panel shows the labels; the back end makes every product call.
const App = () => {
  const [labels, setLabels] = useState([]);
  useEffect(() => {
    invoke('getLabels').then(setLabels);
  }, []);
  return (
    <TagGroup>
      {labels.map((label) => (
        <Tag key={label} text={label} />
      ))}
    </TagGroup>
  );
};

ForgeReconciler.render(<App />);
