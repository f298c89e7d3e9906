"""Claims: the promises of a trust page, written once in the policy and checked on every commit.

`model` holds what a claim is and what checking it found; `parse` reads the `claims:` section
of `.scopecheck.yml`; `operations` matches HTTP method and path patterns against the calls the
code analysis found; `evaluate` checks each claim against the manifest, the registry and the
code; `provenance` asks git which commit a check ran at; `render` writes the results for
`scopecheck claims`. SC601 (`rules/claims`) reports what breaks a claim, at the breaking line.
Nothing here names an ecosystem: code is read through `core.code.CodeView`.
"""
