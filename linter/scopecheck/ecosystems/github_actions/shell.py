"""What a `run:` script does with the GITHUB_TOKEN: `gh` subcommands, `gh api`, `git push`,
REST calls with curl, GitHub Packages publishes, OIDC token requests.

A run step gets the token only through its environment (`GH_TOKEN`/`GITHUB_TOKEN` set to
`${{ github.token }}`), an expression in the script itself, or the git credential a checkout
left behind. What the script does with it is read command by command; a use of the token
this module does not follow (a script of the repository's own, an unknown tool) is reported
as unknown, so the findings that rest on it are unsure.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from scopecheck.ecosystems.github_actions.catalog import load_cli, load_rest
from scopecheck.ecosystems.github_actions.tokens import is_github_token

#: `git push`, also with git's global options before it (`git -C dir push`, `git -c k=v push`)
GIT_PUSH = re.compile(r"\bgit(?:\s+-[Cc]\s+\S+|\s+--?[A-Za-z][\w-]*(?:=\S+)?)*\s+push\b")
#: tools that push with the git credential a checkout persisted (tags, releases, pages)
_PUSHERS = re.compile(
    r"\b(semantic-release|release-it|lerna\s+(publish|version)|changeset\s+publish|"
    r"ghp-import|gh-pages\b|npm\s+version|cargo\s+release|mike\s+deploy)"
)
_SEPARATORS = re.compile(r"\s*(?:&&|\|\||;|\|)\s*")
_OIDC = re.compile(r"ACTIONS_ID_TOKEN_REQUEST_(URL|TOKEN)|getIDToken")
_API_URL = re.compile(r"https://api\.github\.com(/[^\s'\"?]*)")
#: `$(...)` and backquoted command substitutions (one level; nested ones are read in turn)
_SUBSTITUTION = re.compile(r"\$\(([^()]*(?:\([^()]*\)[^()]*)*)\)|`([^`]*)`")
#: a repository script or tool whose name says it may push, tag or publish
_RELEASE_WORDS = re.compile(r"release|publish|deploy|tag|version|bump|push|changelog", re.IGNORECASE)
#: how deep a script's own scripts are followed
MAX_SCRIPT_DEPTH = 2


@dataclass
class ShellNeed:
    needs: dict[str, str]
    why: str
    line: int  # 0-based line within the script
    certain: bool = True
    #: any one of `needs` is enough (an endpoint filed under issues and pull-requests serves
    #: an issue with the one and a pull request with the other)
    any_of: bool = False


@dataclass
class ShellResult:
    needs: list[ShellNeed] = field(default_factory=list)
    #: (reason, 0-based line) for uses of the token this module does not follow
    unknown: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class _State:
    """What the commands of one script share: where the token is, and what git holds."""

    token_vars: set[str]
    gh_token: bool
    git_credential: bool | None
    script: str
    root: Path | None
    depth: int


def analyse(
    script: str,
    env: Mapping[str, str],
    *,
    git_credential: bool | None,
    root: Path | None = None,
    depth: int = 0,
) -> ShellResult:
    """What `script` needs; `env` is the step's environment (workflow < job < step), and
    `git_credential` says whether a checkout in the job left the GITHUB_TOKEN to git (None:
    it did, but this step may push another clone). `root` is the repository, whose own shell
    scripts the script runs are read too."""
    result = ShellResult()
    token_vars = {name for name, value in env.items() if is_github_token(value)}
    gh_token = any(name in token_vars for name in ("GH_TOKEN", "GITHUB_TOKEN"))
    state = _State(token_vars, gh_token, git_credential, script, root, depth)
    for line_no, command in _commands(script):
        _command(command, line_no, state, result)
    return result


def _command(command: str, line_no: int, state: _State, result: ShellResult, *, sure: bool = True) -> None:
    """One simple command: what it needs, or why its use of the token is unknown."""
    for match in _SUBSTITUTION.finditer(command):
        for part in _SEPARATORS.split(match.group(1) or match.group(2) or ""):
            if part.strip():
                _command(part.strip(), line_no, state, result, sure=sure)
    words, assigned, indirect = _words(command)
    if not words:
        return
    local = state
    given = {name for name, value in assigned.items() if is_github_token(value)}
    if given:  # `GH_TOKEN=${{ github.token }} gh issue edit ...`
        local = _State(
            state.token_vars | given,
            state.gh_token or bool(given & {"GH_TOKEN", "GITHUB_TOKEN"}),
            state.git_credential,
            state.script,
            state.root,
            state.depth,
        )
    before = len(result.needs)
    _simple(command, words, line_no, local, result)
    if indirect or not sure:  # `$guard gh release create`: the variable may make it a dry run
        for need in result.needs[before:]:
            need.certain = False
    if words[:3] == ["gh", "auth", "login"] and (is_github_token(command) or local.token_vars):
        state.gh_token = True  # every later gh command uses the token it logged in with


def _simple(command: str, words: list[str], line_no: int, state: _State, result: ShellResult) -> None:
    token_vars = state.token_vars
    git_credential = state.git_credential
    uses_token = is_github_token(command) or any(re.search(rf"\${{?{v}\b", command) for v in token_vars)
    if _OIDC.search(command):
        result.needs.append(ShellNeed({"id-token": "write"}, "an OIDC token request", line_no))
        return
    if words[0] == "gh":
        _gh(words, line_no, state.gh_token, result, state.script)
        return
    if words[0] in ("curl", "wget") and _API_URL.search(command):
        if uses_token:
            _curl(command, words, line_no, result)
        return
    if GIT_PUSH.search(command):
        if git_credential is not False or uses_token:
            certain = git_credential is True and not re.search(r"\bgit\s+-C\b", command)
            result.needs.append(ShellNeed({"contents": "write"}, "`git push`", line_no, certain))
        return
    if tool := _PUSHERS.search(command):
        if git_credential is not False or uses_token:
            result.needs.append(
                ShellNeed({"contents": "write"}, f"`{tool.group(1)}`", line_no, certain=False)
            )
        if token_vars:  # release tools also call the API with it: issues, pull requests, releases
            result.unknown.append((f"line {line_no + 1} runs `{tool.group(1)}` with the token", line_no))
        return
    if re.search(r"\bmkdocs\s+gh-deploy\b", command) and (git_credential is not False or uses_token):
        certain = git_credential is True or uses_token
        result.needs.append(ShellNeed({"contents": "write"}, "`mkdocs gh-deploy`", line_no, certain))
        return
    if re.search(r"\b(npm|yarn|pnpm)\s+publish\b", command):
        if "--provenance" in command:
            result.needs.append(ShellNeed({"id-token": "write"}, "`npm publish --provenance`", line_no))
        if "NODE_AUTH_TOKEN" in token_vars:
            result.needs.append(
                ShellNeed({"packages": "write"}, "`npm publish` with the token", line_no, certain=False)
            )
        return
    if words[0] == "cosign" and len(words) > 1 and words[1] in ("sign", "attest", "sign-blob", "attest-blob"):
        if not any(w == "--key" or w.startswith("--key=") for w in words):  # keyless: an OIDC token
            result.needs.append(
                ShellNeed({"id-token": "write"}, f"`cosign {words[1]}` (keyless)", line_no, False)
            )
        return
    if re.search(r"\bdocker\s+(image\s+)?push\s+ghcr\.io", command) and (uses_token or token_vars):
        result.needs.append(ShellNeed({"packages": "write"}, "`docker push ghcr.io`", line_no))
        return
    if words[0] == "reviewdog" and "REVIEWDOG_GITHUB_API_TOKEN" in token_vars:
        result.needs.append(
            ShellNeed({"checks": "write", "pull-requests": "write"}, "`reviewdog`", line_no, certain=False)
        )
        return
    if _own_script(words, line_no, state, result):
        return
    if uses_token:
        result.unknown.append((f"line {line_no + 1} passes the token to `{words[0]}`", line_no))
    elif token_vars and _runs_code(words):
        names = ", ".join(sorted(token_vars))
        result.unknown.append((f"line {line_no + 1} runs `{words[0]}` with the token in {names}", line_no))
    elif git_credential is not False and _runs_code(words) and _RELEASE_WORDS.search(" ".join(words[:3])):
        result.unknown.append(
            (
                f"line {line_no + 1} runs `{' '.join(words[:2])}`, which may push with the checkout's credential",
                line_no,
            )
        )


def _own_script(words: list[str], line_no: int, state: _State, result: ShellResult) -> bool:
    """A shell script of the repository (`./scripts/x.sh`, `bash x.sh`): read and analysed as
    part of this step, when the token or the git credential is at hand. True when it was."""
    if not state.token_vars and state.git_credential is False:
        return False
    target = words[1] if words[0] in ("bash", "sh") and len(words) > 1 else words[0]
    if not (target.startswith(("./", "scripts/", ".github/")) or target.endswith(".sh")):
        return False
    path = _script_path(state.root, target)
    if path is None or state.depth >= MAX_SCRIPT_DEPTH:
        result.unknown.append(
            (f"line {line_no + 1} runs `{target}`, which scopecheck does not read", line_no)
        )
        return True
    text = path.read_text(encoding="utf-8", errors="replace")
    if not (text.startswith("#!") and re.match(r"#!.*\b(ba|z|da)?sh\b", text)) and not target.endswith(".sh"):
        result.unknown.append((f"line {line_no + 1} runs `{target}`, which is not a shell script", line_no))
        return True
    inner = ShellResult()
    sub = _State(state.token_vars, state.gh_token, state.git_credential, text, state.root, state.depth + 1)
    for inner_line, command in _commands(text):
        _command(command, inner_line, sub, inner)
    for need in inner.needs:
        result.needs.append(
            ShellNeed(need.needs, f"{need.why} in `{target}`", line_no, need.certain, need.any_of)
        )
    for why, _inner_line in inner.unknown:
        result.unknown.append((f"`{target}`: {why}", line_no))
    return True


def _script_path(root: Path | None, target: str) -> Path | None:
    """`target` as a file inside the repository (links followed), or None."""
    if root is None or "$" in target:
        return None
    try:
        base = root.resolve()
        path = (base / target).resolve()
        if path.is_relative_to(base) and path.is_file() and path.stat().st_size <= 512 * 1024:
            return path
    except (OSError, ValueError, RuntimeError):
        return None
    return None


def _commands(script: str) -> Iterator[tuple[int, str]]:
    """(0-based line, command) for every simple command, continuation lines joined."""
    lines = script.split("\n")
    index = 0
    while index < len(lines):
        start = index
        text = lines[index]
        while text.endswith("\\") and index + 1 < len(lines):
            index += 1
            text = text[:-1] + " " + lines[index]
        index += 1
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        for part in _SEPARATORS.split(stripped):
            if part.strip():
                yield start, part.strip()


def _words(command: str) -> tuple[list[str], dict[str, str], bool]:
    """The command's words from the command itself on, the `NAME=value` assignments before
    it, and whether it runs through a variable (`$guard gh ...`: maybe a dry run)."""
    try:
        words = shlex.split(command, comments=True)
    except ValueError:
        words = command.split()
    assigned: dict[str, str] = {}
    indirect = False
    while words:
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0]):
            name, _, value = words[0].partition("=")
            assigned[name] = value
            words = words[1:]  # FOO=bar cmd
        elif words[0] in _PREFIXES:
            words = words[1:]  # `if gh pr view`, `sudo docker push`: the command is the next word
        elif words[0] == "xargs":
            words = _after_xargs(words[1:])
        elif re.fullmatch(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?", words[0]) and len(words) > 1:
            words = words[1:]  # a variable that may be `echo` (a dry run) or empty
            indirect = True
        else:
            break
    return words, assigned, indirect


def _after_xargs(words: list[str]) -> list[str]:
    """The command xargs runs: past its options (and the values -I, -n, -P, -L, -d take)."""
    index = 0
    while index < len(words) and words[index].startswith("-"):
        index += 2 if words[index] in ("-I", "-n", "-P", "-L", "-d", "-E", "-s") else 1
    return words[index:]


#: words before a command that leave the command itself to the next word
_PREFIXES = frozenset(
    [
        "sudo",
        "exec",
        "time",
        "env",
        "command",
        "nohup",
        "if",
        "then",
        "else",
        "elif",
        "do",
        "while",
        "until",
        "!",
        "{",
        "(",
    ]
)


#: commands that never read GH_TOKEN/GITHUB_TOKEN from the environment (git uses its
#: credential helper, the rest are text tools and shell syntax)
_HARMLESS = frozenset(
    [
        "echo",
        "cd",
        "ls",
        "cat",
        "mkdir",
        "cp",
        "mv",
        "rm",
        "test",
        "[",
        "[[",
        "printf",
        "export",
        "set",
        "true",
        "false",
        "exit",
        "return",
        "fi",
        "for",
        "done",
        "case",
        "esac",
        "shift",
        "local",
        "read",
        "git",
        "grep",
        "egrep",
        "sed",
        "awk",
        "jq",
        "yq",
        "cut",
        "sort",
        "uniq",
        "head",
        "tail",
        "tr",
        "wc",
        "date",
        "sleep",
        "tee",
        "touch",
        "chmod",
        "chown",
        "ln",
        "pwd",
        "basename",
        "dirname",
        "realpath",
        "readlink",
        "diff",
        "cmp",
        "tar",
        "unzip",
        "zip",
        "gzip",
        "gunzip",
        "sha256sum",
        "shasum",
        "md5sum",
        "which",
        "type",
        ":",
        "wait",
        "trap",
    ]
)


def _runs_code(words: list[str]) -> bool:
    """Whether a command runs a program that could read the token from the environment."""
    return words[0] not in _HARMLESS


@cache
def _gh_index() -> dict[str, dict[str, object]]:
    """`<group> <verb>` -> its entry in the CLI data, from the data's command names
    (`gh pr close / reopen / ready` is three verbs of `pr`)."""
    index: dict[str, dict[str, object]] = {}
    for entry in load_cli():
        group = ""
        for alternative in str(entry["command"]).split(" / "):
            if alternative.startswith("gh "):
                words = alternative.removeprefix("gh ").split()
                group = words[0]
                index[" ".join(words[:2])] = entry
            elif group:
                index[f"{group} {alternative.split()[0]}"] = entry
    return index


def _gh(words: list[str], line_no: int, gh_token: bool, result: ShellResult, script: str = "") -> None:
    args = [w for w in words[1:] if not w.startswith("-")]
    if not args:
        return
    if args[0] == "api":
        if gh_token:
            _gh_api(words, line_no, result)
        return
    key = " ".join(args[:2])
    entry = _gh_index().get(key) or _gh_index().get(args[0])
    if not gh_token:
        return  # gh has no GITHUB_TOKEN to use (GH_TOKEN unset or another credential)
    if entry is None:
        result.unknown.append(
            (f"line {line_no + 1} runs `gh {key}`, which scopecheck's data does not list", line_no)
        )
        return
    needs = dict(entry["needs"])  # type: ignore[call-overload]
    certain = "doubt" not in entry
    for condition in entry.get("conditional", []):  # type: ignore[attr-defined]
        when = str(condition["when"])
        flags = re.findall(r"--[a-z-]+", when.split("(")[0])
        if flags and any(any(w.startswith(flag) for w in words) for flag in flags):
            needs = _apply(needs, condition)
        elif flags and (
            any("[@]" in w or "[*]" in w for w in words) or any(flag in script for flag in flags)
        ):
            # the flag may come from an array or a variable the script fills elsewhere
            maybe = _apply(needs, condition)
            why = f"`gh {key}` ({' '.join(flags)} when the script passes it)"
            result.needs.append(ShellNeed(maybe, why, line_no, certain=False))
        elif when.startswith("any gh"):
            needs = _apply(needs, condition)
            certain = False
    result.needs.append(ShellNeed(needs, f"`gh {key}`", line_no, certain))


def _apply(needs: dict[str, str], condition: Mapping[str, object]) -> dict[str, str]:
    extra = dict(condition["needs"])  # type: ignore[call-overload]
    if condition.get("effect") == "replace":
        return extra
    merged = dict(needs)
    for name, level in extra.items():
        if merged.get(name) != "write":
            merged[name] = level
    return merged


def _gh_api(words: list[str], line_no: int, result: ShellResult) -> None:
    method = "GET"
    endpoint = None
    rest = words[2:]
    for index, word in enumerate(rest):
        if word in ("-X", "--method") and index + 1 < len(rest):
            method = rest[index + 1].upper()
        elif word.startswith("--method="):
            method = word.split("=", 1)[1].upper()
        elif word in ("-f", "-F", "--field", "--raw-field", "--input") and method == "GET":
            method = "POST"
        elif (
            not word.startswith("-")
            and endpoint is None
            and (
                index == 0
                or rest[index - 1]
                not in (
                    "-X",
                    "--method",
                    "-f",
                    "-F",
                    "--field",
                    "--raw-field",
                    "-H",
                    "--header",
                    "--input",
                    "-q",
                    "--jq",
                )
            )
        ):
            endpoint = word
    if endpoint is None or endpoint == "graphql":
        result.unknown.append(
            (f"line {line_no + 1} sends `gh api {endpoint or ''}`: its permission is unknown", line_no)
        )
        return
    path = "/" + endpoint.lstrip("/")
    found = rest_needs(method, path)
    if found is None:
        result.unknown.append((f"line {line_no + 1}: `{method} {path}` is in no permission table", line_no))
    else:
        result.needs.append(ShellNeed(found[0], f"`gh api {method} {path}`", line_no, any_of=found[1]))


def _curl(command: str, words: list[str], line_no: int, result: ShellResult) -> None:
    match = _API_URL.search(command)
    assert match is not None
    method = "GET"
    for index, word in enumerate(words):
        if word in ("-X", "--request") and index + 1 < len(words):
            method = words[index + 1].upper()
        elif word.startswith("--request="):
            method = word.split("=", 1)[1].upper()
        elif word in ("-d", "--data", "--data-raw", "--data-binary", "-F", "--form") and method == "GET":
            method = "POST"
    found = rest_needs(method, match.group(1))
    if found is None:
        result.unknown.append(
            (f"line {line_no + 1}: `{method} {match.group(1)}` is in no permission table", line_no)
        )
    else:
        result.needs.append(
            ShellNeed(found[0], f"`curl {method} {match.group(1)}`", line_no, any_of=found[1])
        )


#: ways a script names "owner/repo" in one variable
_REPOSITORY = re.compile(
    r"\$\{\{\s*github\.repository\s*\}\}|\$\{?GITHUB_REPOSITORY\}?|\$\{?(REPO|REPOSITORY|GH_REPO)\}?\b|:owner/:repo"
)


def rest_needs(method: str, path: str) -> tuple[dict[str, str], bool] | None:
    """The permissions a REST call needs and whether any one of them is enough, from the
    endpoint table; None when no endpoint matches, or several that need different things.

    Template segments (`{issue_number}`) match any value; a variable in the script (`$ID`)
    matches any segment; a variable holding "owner/repo" (`$GITHUB_REPOSITORY`) is two.
    """
    path = _REPOSITORY.sub("{owner}/{repo}", path.split("?", 1)[0]).rstrip("/")
    given = path.strip("/").split("/")
    best: list[dict[str, object]] = []
    best_score = -1
    for endpoint in load_rest()["endpoints"]:
        if endpoint["method"] != method:
            continue
        score = _score(str(endpoint["path"]).strip("/").split("/"), given)
        if score is None:
            continue
        if score > best_score:
            best, best_score = [endpoint], score
        elif score == best_score:
            best.append(endpoint)
    if not best:
        return None
    needs = {tuple(sorted(dict(e["needs"]).items())) for e in best}  # type: ignore[call-overload]
    if len(needs) > 1:
        return None  # the script's path fits endpoints that need different permissions
    endpoint = best[0]
    return dict(endpoint["needs"]), endpoint.get("combine") == "by-target"  # type: ignore[call-overload]


def _score(template: list[str], given: list[str]) -> int | None:
    """How many literal segments agree, or None when the path does not fit the template."""
    if len(template) != len(given):
        return None
    score = 0
    for wanted, part in zip(template, given, strict=True):
        variable = "$" in part or "{" in part
        if wanted.startswith("{"):
            continue
        if variable:
            continue
        if wanted != part:
            return None
        score += 1
    return score
