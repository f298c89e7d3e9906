"""`scopecheck history`: the permission audit trail of an app, from its git history.

`gitlog` walks `git log` once, `blobs` reads every manifest and registry version through one
`git cat-file --batch` process, `trail` compares consecutive versions with the consent diff
and looks each change up in the registry at that commit, `render` writes text, CSV, JSON or
Markdown, and `command` ties them to a path. Like `diff`, it never names an ecosystem.
"""
