"""``python -m analysis``: the command line (see :mod:`analysis.cli`)."""

from .cli import main

raise SystemExit(main())
