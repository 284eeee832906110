import sys

from .action import main

sys.exit(main())
