"""What the browser-extension rule tests share: a manifest.json and a finding filter."""

from __future__ import annotations

import os
from pathlib import Path


def manifest(*, permissions=(), optional=(), hosts=(), optional_hosts=(), extra=""):
    def items(values):
        return ", ".join(f'"{v}"' for v in values)

    return f"""{{
  "name": "T", "version": "1.0", "manifest_version": 3,
  "permissions": [{items(permissions)}],
  "optional_permissions": [{items(optional)}],
  "host_permissions": [{items(hosts)}],
  "optional_host_permissions": [{items(optional_hosts)}],
  "background": {{"service_worker": "bg.js"}}{extra}
}}
"""


ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "linter")}


def found(report, code):
    return [(f.subject, f.confidence, f.message) for f in report.reported if f.rule_id == code]
