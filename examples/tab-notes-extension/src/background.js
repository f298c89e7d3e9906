// Saves notes locally and syncs them to the vendor's API.
chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({ id: "note", title: "Add a note", contexts: ["page"] });
});

chrome.contextMenus.onClicked.addListener(async (info, tab) => {
  const key = new URL(tab.url).origin;
  const { notes = {} } = await chrome.storage.local.get("notes");
  notes[key] = notes[key] || "";
  await chrome.storage.local.set({ notes });
  await fetch("https://api.tabnotes.example/v1/notes", { method: "PUT", body: JSON.stringify(notes) });
});

export async function remind() {
  if (await chrome.permissions.request({ permissions: ["notifications"] })) {
    chrome.notifications.create({ type: "basic", title: "Tab Notes", message: "You have notes here", iconUrl: "icon.png" });
  }
}
