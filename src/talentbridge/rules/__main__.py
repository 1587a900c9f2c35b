"""Entry point for `python -m talentbridge.rules`."""

import sys

from talentbridge.rules.cli import main

sys.exit(main())
