"""``python -m guizhou_bigdata``: the command line."""

import sys

from .cli import main

sys.exit(main())
