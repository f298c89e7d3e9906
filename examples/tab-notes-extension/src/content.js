// Shows the help panel's note on the vendor's own docs site.
chrome.storage.local.get("notes").then(({ notes = {} }) => {
  const note = notes[location.origin];
  if (note) document.body.dataset.tabNote = note;
});
