"""SC209: `id-token: write` where no step requests an OIDC token."""

from __future__ import annotations

import pytest

from conftest import positions
from scopecheck.core.findings import Confidence

BASE = (
    "on: push\npermissions:\n  contents: read\n  id-token: write\njobs:\n  a:\n    runs-on: x\n    steps:\n"
)


def test_id_token_nothing_uses(lint_workflow):
    report = lint_workflow(BASE + "      - uses: actions/checkout@v4\n", select="SC209")
    assert positions(report) == [("ci.yml", 4, 3, "SC209")]
    assert report.reported[0].confidence is Confidence.HIGH


@pytest.mark.parametrize(
    "step",
    [
        "      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::1:role/x\n",
        "      - uses: pypa/gh-action-pypi-publish@release/v1\n",
        "      - uses: actions/attest-build-provenance@v2\n        with:\n          subject-path: dist/*\n",
        "      - run: npm publish --provenance\n",
        '      - run: |\n          curl -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" "$ACTIONS_ID_TOKEN_REQUEST_URL"\n',
    ],
    ids=["aws-role", "pypi-trusted", "attest", "npm-provenance", "oidc-request"],
)
def test_oidc_uses(lint_workflow, step):
    assert lint_workflow(BASE + step, select="SC209").reported == ()


def test_aws_with_keys_does_not_use_oidc(lint_workflow):
    step = (
        "      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n"
        "          aws-access-key-id: ${{ secrets.KEY }}\n          role-to-assume: arn:aws:iam::1:role/x\n"
    )
    assert positions(lint_workflow(BASE + step, select="SC209")) == [("ci.yml", 4, 3, "SC209")]
