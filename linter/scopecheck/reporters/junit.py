"""JUnit XML for CI servers: one test suite per app, one test case per rule that ran.

A rule with findings at or above the app's `fail-on` is a failing test case
listing them (lower ones go to system-out); a rule without findings passes,
so the CI server shows what was checked, not only what failed.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from scopecheck.findings import Report, Severity
from scopecheck.reporters import RenderOptions
from scopecheck.reporters._common import clean
from scopecheck.rules import find_rule


def render(report: Report, options: RenderOptions) -> str:
    suites = ET.Element("testsuites", name="scopecheck")
    total_tests = total_failures = 0
    for app in report.apps:
        findings = [f for f in report.reported if f.app == app.manifest]
        threshold = None if app.fail_on == "never" else Severity.parse(app.fail_on)
        suite = ET.SubElement(suites, "testsuite", name=clean(app.manifest))
        failures = 0
        for code in app.rules:
            rule = find_rule(code)
            name = f"{code} {rule.name}" if rule else code
            case = ET.SubElement(suite, "testcase", name=name, classname=clean(app.manifest))
            own = [f for f in findings if f.rule_id == code]
            failing = [f for f in own if threshold is not None and f.severity >= threshold]
            if own:
                body = "\n".join(
                    f"{f.span.path}:{f.span.line}:{f.span.column}: {f.severity.label}: {f.message}"
                    for f in own
                )
                tag = "failure" if failing else "system-out"
                element = ET.SubElement(case, tag)
                if failing:
                    element.set("message", clean(f"{len(own)} finding(s): {own[0].message}"))
                    element.set("type", own[0].severity.label)
                element.text = clean(body)
                failures += bool(failing)
        suite.set("tests", str(len(app.rules)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests += len(app.rules)
        total_failures += failures
    if report.crashes:
        suite = ET.SubElement(suites, "testsuite", name="scopecheck internal errors")
        for crash in report.crashes:
            case = ET.SubElement(
                suite, "testcase", name=clean(f"{crash.rule_id} on {crash.path}"), classname="scopecheck"
            )
            ET.SubElement(case, "error", message=clean(crash.error)).text = clean(crash.error)
        suite.set("tests", str(len(report.crashes)))
        suite.set("errors", str(len(report.crashes)))
        suite.set("failures", "0")
    suites.set("tests", str(total_tests + len(report.crashes)))
    suites.set("failures", str(total_failures))
    suites.set("errors", str(len(report.crashes)))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
