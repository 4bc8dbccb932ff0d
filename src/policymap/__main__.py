"""``python -m policymap``: the same as the ``policymap`` command."""

from .cli import cli

if __name__ == "__main__":
    cli(prog_name="policymap")
