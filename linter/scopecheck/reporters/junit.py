"""JUnit XML for CI servers: one test suite per app, one test case per rule that ran.

A rule with findings at or above the app's `fail-on` is a failing test case
listing them (lower ones go to system-out); a rule without findings passes,
so the CI server shows what was checked, not only what failed.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from scopecheck.core.findings import AppReport, Report, Severity
from scopecheck.reporters import RenderOptions
from scopecheck.reporters._common import clean


def render(report: Report, options: RenderOptions) -> str:
    suites = ET.Element("testsuites", name="scopecheck")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for app in report.apps:
        counts = _app_suite(ET.SubElement(suites, "testsuite", name=clean(app.manifest)), app, report)
        for key, value in counts.items():
            totals[key] += value
    listed = {(app.manifest, code) for app in report.apps for code in app.rules}
    other = [c for c in report.crashes if (c.path, c.rule_id) not in listed]  # e.g. the code analysis
    if other:
        suite = ET.SubElement(suites, "testsuite", name="scopecheck internal errors")
        for crash in other:
            name = clean(f"{crash.rule_id} on {crash.path}")
            case = ET.SubElement(suite, "testcase", name=name, classname="scopecheck")
            ET.SubElement(case, "error", message=clean(crash.error)).text = clean(crash.error)
        _counts(suite, len(other), 0, len(other))
        totals["tests"] += len(other)
        totals["errors"] += len(other)
    _counts(suites, totals["tests"], totals["failures"], totals["errors"])
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _app_suite(suite: ET.Element, app: AppReport, report: Report) -> dict[str, int]:
    """One test case per rule that ran for the app; returns its counts."""
    findings = [f for f in report.reported if f.app == app.manifest]
    threshold = None if app.fail_on == "never" else Severity.parse(app.fail_on)
    failures = errors = 0
    for code in app.rules:
        rule = report.rule(code)
        case = ET.SubElement(
            suite, "testcase", name=f"{code} {rule.name}" if rule else code, classname=clean(app.manifest)
        )
        crashed = [c for c in report.crashes if c.rule_id == code and c.path == app.manifest]
        if crashed:
            ET.SubElement(case, "error", message=clean(crashed[0].error)).text = clean(crashed[0].error)
            errors += 1
            continue
        own = [f for f in findings if f.rule_id == code]
        if not own:
            continue
        failing = [f for f in own if threshold is not None and f.severity >= threshold]
        body = "\n".join(
            clean(f"{f.span.path}:{f.span.line}:{f.span.column}: {f.severity.label}: {f.message}")
            for f in own
        )
        element = ET.SubElement(case, "failure" if failing else "system-out")
        if failing:
            element.set("message", clean(f"{len(own)} finding(s): {own[0].message}"))
            element.set("type", own[0].severity.label)
            failures += 1
        element.text = body
    notes = [clean(n.message) for n in report.notices if n.app == app.manifest]
    if notes:  # files the analysis left out: said beside the test cases they may affect
        ET.SubElement(suite, "system-out").text = "\n".join(notes)
    _counts(suite, len(app.rules), failures, errors)
    return {"tests": len(app.rules), "failures": failures, "errors": errors}


def _counts(element: ET.Element, tests: int, failures: int, errors: int) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", str(errors))
