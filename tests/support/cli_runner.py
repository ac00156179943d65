"""`policykg` run in-process with click's runner, for tests that read its output and exit status."""

from __future__ import annotations

from click.testing import CliRunner, Result

from policykg.cli import cli

__all__ = ["invoke", "ok"]


def invoke(*args: str) -> Result:
    """Run ``policykg ARGS``; whatever the exit status, no traceback may reach the output."""
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output, result.output
    return result


def ok(*args: str) -> Result:
    """`invoke`, which must exit 0."""
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return result
