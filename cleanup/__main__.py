"""``python -m cleanup`` is the ``article-cleanup`` command."""

import sys

from cleanup.cli import main

sys.exit(main())
