"""``python -m foiparse``: the same as the ``foiparse`` command."""

from foiparse.cli import main

main()
