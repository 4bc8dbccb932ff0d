"""``python -m policymap``: the same as the ``policymap`` command."""

from .cli import main

if __name__ == "__main__":
    main()
