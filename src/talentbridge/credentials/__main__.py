"""Entry point for `python -m talentbridge.credentials` (offline verification, no Django)."""

import sys

from talentbridge.credentials.cli import main

sys.exit(main())
