"""Build the static site: validate data/ and write site/ (same path as `policymap build`)."""

import sys

from policymap.cli import main

if __name__ == "__main__":
    main(["build", *sys.argv[1:]])
