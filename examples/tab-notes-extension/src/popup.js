const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
const key = new URL(tab.url).origin;
const { notes = {} } = await chrome.storage.local.get("notes");
document.getElementById("note").value = notes[key] || "";
