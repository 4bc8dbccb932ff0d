"""Build the static site: validate data/ and write site/ (same path as `policymap build`)."""

import sys

from policymap.cli import cli

if __name__ == "__main__":
    sys.exit(cli(["build", *sys.argv[1:]]))
