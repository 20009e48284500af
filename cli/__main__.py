"""`python -m cli …` is `tally …`."""

import sys

from cli import main

sys.exit(main())
